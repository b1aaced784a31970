package org.remotesupport.signaling.recording;

/** The recording index contract against the in-memory index of a single node. */
class InMemoryRecordingIndexTest extends RecordingIndexContract {

    private InMemoryRecordingIndex index;

    @Override
    protected RecordingIndex newIndex() {
        index = new InMemoryRecordingIndex();
        return index;
    }

    @Override
    protected RecordingIndex anotherNode() {
        return index;
    }
}
