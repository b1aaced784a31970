// @ts-check
/**
 * A canvas over a video element that draws a session's markups and the others' pointers on the
 * video picture, and turns the pen into ops: shapes on release, strokes streamed while the pen
 * moves, the laser pointer as volatile moves. Coordinates go through {@link pictureRect}, so a
 * markup sits on the same spot of the picture whatever the element's size and `object-fit`.
 * @module annotation/overlay
 */

import { clampToPicture, fromPicture, onPicture, pictureRect, toPicture } from './geometry.js';
import { smooth, thin } from './smoothing.js';

/**
 * @typedef {import('./annotation-client.js').AnnotationClient} AnnotationClient
 * @typedef {import('./markup-log.js').Markup} Markup
 * @typedef {[number, number]} Point
 */

/** Tools of the toolbar; `pointer` is the laser. */
export const TOOLS = ['arrow', 'stroke', 'ellipse', 'rectangle', 'highlight', 'text', 'step', 'pointer'];

const STREAM_MS = 50;

export class MarkupOverlay {
  /**
   * @param {HTMLVideoElement} video
   * @param {HTMLCanvasElement} canvas placed over the video by the page's styles
   * @param {AnnotationClient} client
   */
  constructor(video, canvas, client) {
    this.video = video;
    this.canvas = canvas;
    this.client = client;
    this.tool = 'arrow';
    this.color = '#ff3b30';
    this.width = 4;
    this.text = 'Here';
    this.step = 1;
    /** @type {{track: string, frameTs: number}} the frame on screen now */
    this.frame = { track: 'video', frameTs: 0 };
    /** @type {{type: string, points: Point[], id?: string, unsent?: Point[]} | null} */
    this.drawing = null;
    this.lastPointerAt = 0;
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointerleave', () => this.client.pointer({ x: 0, y: 0, visible: false }));
    new ResizeObserver(() => this.render()).observe(video);
    video.addEventListener('loadedmetadata', () => this.render());
    this.watchFrames();
    setInterval(() => this.flush(), STREAM_MS);
  }

  // the anchor of new markups: the frame being shown, by its capture or RTP timestamp when known
  watchFrames() {
    const video = /** @type {any} */ (this.video);
    const stream = /** @type {MediaStream | null} */ (this.video.srcObject instanceof MediaStream ? this.video.srcObject : null);
    const track = stream?.getVideoTracks()[0]?.id ?? 'video';
    if (typeof video.requestVideoFrameCallback === 'function') {
      video.requestVideoFrameCallback((/** @type {number} */ _now, /** @type {any} */ meta) => {
        const ts = meta.rtpTimestamp ?? meta.captureTime ?? meta.mediaTime * 1000;
        this.frame = { track, frameTs: Math.max(0, Math.round(ts || 0)) };
        this.watchFrames();
      });
    } else {
      this.frame = { track, frameTs: Math.round(this.video.currentTime * 1000) };
      setTimeout(() => this.watchFrames(), 100);
    }
  }

  /** Where the picture lies in the canvas, in CSS pixels. */
  rect() {
    const box = this.canvas.getBoundingClientRect();
    const fit = getComputedStyle(this.video).objectFit;
    return pictureRect(box.width, box.height, this.video.videoWidth, this.video.videoHeight, fit);
  }

  /** @param {PointerEvent} e @returns {{x: number, y: number}} */
  picturePoint(e) {
    const box = this.canvas.getBoundingClientRect();
    return toPicture(e.clientX - box.left, e.clientY - box.top, this.rect());
  }

  canDraw() {
    return this.client.canDraw || (this.client.customerMayDraw && this.client.joined);
  }

  /** @param {PointerEvent} e */
  down(e) {
    const p = this.picturePoint(e);
    if (this.tool === 'pointer' || !this.canDraw() || !onPicture(p)) {
      return;
    }
    this.canvas.setPointerCapture(e.pointerId);
    const start = clampToPicture(p);
    if (this.tool === 'text' || this.tool === 'step') {
      this.add(this.tool, [start]);
      return;
    }
    this.drawing = { type: this.tool, points: [start] };
    if (this.tool === 'stroke' || this.tool === 'highlight') {
      this.drawing.id = this.add(this.tool, [start]);
      this.drawing.unsent = [];
    }
  }

  /** @param {PointerEvent} e */
  move(e) {
    const p = this.picturePoint(e);
    if (!this.drawing) {
      const now = performance.now();
      if (this.tool === 'pointer' && now - this.lastPointerAt > 33) {
        this.lastPointerAt = now;
        this.client.pointer(onPicture(p) ? { x: p.x, y: p.y, track: this.frame.track, visible: true }
          : { x: 0, y: 0, visible: false });
      }
      return;
    }
    const point = clampToPicture(p);
    if (this.drawing.unsent) {
      const kept = thin([point], 0.003, this.drawing.points[this.drawing.points.length - 1]);
      this.drawing.points.push(...kept);
      this.drawing.unsent.push(...kept);
    } else {
      this.drawing.points[1] = point;
    }
    this.render();
  }

  /** @param {PointerEvent} e */
  up(e) {
    const drawing = this.drawing;
    if (!drawing) {
      return;
    }
    this.drawing = null;
    if (drawing.unsent) {
      this.flush(drawing);
    } else {
      const end = clampToPicture(this.picturePoint(e));
      if (Math.hypot(end[0] - drawing.points[0][0], end[1] - drawing.points[0][1]) > 0.005) {
        this.add(drawing.type, [drawing.points[0], end]);
      }
    }
    this.render();
  }

  // stroke points go out every few tens of milliseconds while the pen moves
  flush(drawing = this.drawing) {
    if (drawing?.unsent?.length && drawing.id) {
      this.client.push({ kind: 'update', markupId: drawing.id, points: drawing.unsent.splice(0) });
    }
  }

  /**
   * @param {string} type
   * @param {Point[]} points
   * @returns {string} the markup's id
   */
  add(type, points) {
    const id = this.client.nextId();
    /** @type {Markup} */
    const markup = { id, type, color: this.color, width: type === 'highlight' ? 24 : this.width, points, anchor: this.frame };
    if (type === 'text') {
      markup.text = this.text;
    }
    if (type === 'step') {
      markup.number = this.step;
      this.step += 1;
    }
    this.client.push({ kind: 'add', markup });
    return id;
  }

  /** Draws the committed markups, the one being drawn and the others' pointers. */
  render() {
    const box = this.canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(box.width * ratio) || this.canvas.height !== Math.round(box.height * ratio)) {
      this.canvas.width = Math.round(box.width * ratio);
      this.canvas.height = Math.round(box.height * ratio);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) {
      return;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, box.width, box.height);
    const rect = this.rect();
    for (const m of this.client.log.visible()) {
      drawMarkup(ctx, m, rect);
    }
    if (this.drawing && !this.drawing.unsent && this.drawing.points.length === 2) {
      drawMarkup(ctx, { id: '', type: this.drawing.type, color: this.color, width: this.width,
        points: this.drawing.points, anchor: this.frame }, rect);
    }
    for (const p of this.client.pointers.values()) {
      if (p.visible && typeof p.x === 'number' && typeof p.y === 'number') {
        const at = fromPicture(p.x, p.y, rect);
        ctx.fillStyle = p.role === 'customer' ? 'rgba(0, 160, 255, 0.85)' : 'rgba(255, 0, 0, 0.85)';
        ctx.beginPath();
        ctx.arc(at.x, at.y, 7, 0, Math.PI * 2);
        ctx.fill();
      }
    }
  }
}

/**
 * @param {CanvasRenderingContext2D} ctx
 * @param {Markup} m
 * @param {import('./geometry.js').Rect} rect
 */
export function drawMarkup(ctx, m, rect) {
  const pts = m.points.map((p) => fromPicture(p[0], p[1], rect));
  ctx.strokeStyle = m.color;
  ctx.fillStyle = m.color;
  ctx.lineWidth = m.width;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.globalAlpha = m.type === 'highlight' ? 0.35 : 1;
  ctx.beginPath();
  const [a, b] = pts;
  switch (m.type) {
    case 'arrow': {
      const angle = Math.atan2(b.y - a.y, b.x - a.x);
      const head = Math.max(10, m.width * 3);
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.moveTo(b.x, b.y);
      ctx.lineTo(b.x - head * Math.cos(angle - 0.45), b.y - head * Math.sin(angle - 0.45));
      ctx.moveTo(b.x, b.y);
      ctx.lineTo(b.x - head * Math.cos(angle + 0.45), b.y - head * Math.sin(angle + 0.45));
      ctx.stroke();
      break;
    }
    case 'ellipse':
      ctx.ellipse((a.x + b.x) / 2, (a.y + b.y) / 2, Math.abs(b.x - a.x) / 2, Math.abs(b.y - a.y) / 2, 0, 0, Math.PI * 2);
      ctx.stroke();
      break;
    case 'rectangle':
      ctx.strokeRect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
      break;
    case 'text':
      ctx.font = '600 18px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      ctx.fillText(m.text ?? '', a.x, a.y);
      break;
    case 'step':
      ctx.arc(a.x, a.y, 14, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.font = '700 16px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(m.number ?? ''), a.x, a.y);
      ctx.textAlign = 'start';
      break;
    default: {
      const line = smooth(pts.map((p) => /** @type {Point} */ ([p.x, p.y])));
      ctx.moveTo(line[0][0], line[0][1]);
      for (const [x, y] of line.slice(1)) {
        ctx.lineTo(x, y);
      }
      if (line.length === 1) {
        ctx.lineTo(line[0][0] + 0.1, line[0][1]);
      }
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
}
