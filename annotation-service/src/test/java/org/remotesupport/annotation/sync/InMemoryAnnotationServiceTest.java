package org.remotesupport.annotation.sync;

import org.remotesupport.annotation.log.InMemoryOpLogStore;
import org.remotesupport.annotation.log.OpLogStore;

class InMemoryAnnotationServiceTest extends AnnotationServiceScenarios {

    private final InMemoryOpLogStore store = new InMemoryOpLogStore();

    @Override
    OpLogStore store() {
        return store;
    }
}
