package org.emotive.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.emotive.api.EmotiveException;
import org.emotive.api.storage.StorageService;

/** Base of the image commands: one place for "storage missing" and error wording. */
abstract class StorageCommand implements Action {

    @Reference(optional = true)
    StorageService storage;

    @Override
    public final Object execute() {
        StorageService s = storage;
        if (s == null) {
            throw new CommandFailed("no storage service is running (feature emotive-storage-local)");
        }
        try {
            return run(s);
        } catch (EmotiveException e) {
            throw new CommandFailed(ShellErrors.message(e));
        }
    }

    protected abstract Object run(StorageService storage);
}
