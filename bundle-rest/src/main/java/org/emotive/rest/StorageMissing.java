package org.emotive.rest;

import org.emotive.api.ServiceUnavailableException;
import org.emotive.api.storage.StorageService;

/** What a resource says while no storage service runs (feature emotive-storage-local not installed). */
final class StorageMissing {

    private StorageMissing() {
    }

    static StorageService require(StorageService storage) {
        if (storage == null) {
            throw new ServiceUnavailableException("no storage service is running (feature emotive-storage-local)",
                    NodeAgentMissing.RETRY_AFTER_SECONDS);
        }
        return storage;
    }
}
