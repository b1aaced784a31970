package org.remotesupport.app.testsupport;

/**
 * Size and frame rate of generated video: a value given to {@link UplinkMedia} and
 * {@link GeneratedVideoSource}; immutable, usable from any thread.
 *
 * @param width           frame width in pixels, even
 * @param height          frame height in pixels, even
 * @param framesPerSecond frames pushed per second, 1 to 60
 */
public record VideoFormat(int width, int height, int framesPerSecond) {

    /** 640x480 at 30 frames per second. */
    public static final VideoFormat VGA_30 = new VideoFormat(640, 480, 30);

    /** 1280x720 at 30 frames per second. */
    public static final VideoFormat HD_30 = new VideoFormat(1280, 720, 30);

    public VideoFormat {
        // I420 halves both dimensions for the chroma planes
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width and height must be positive and even: " + width + "x" + height);
        }
        if (framesPerSecond < 1 || framesPerSecond > 60) {
            throw new IllegalArgumentException("frames per second must be 1 to 60: " + framesPerSecond);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + framesPerSecond;
    }
}
