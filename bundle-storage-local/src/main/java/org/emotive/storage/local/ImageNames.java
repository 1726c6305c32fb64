package org.emotive.storage.local;

import java.util.regex.Pattern;
import org.emotive.api.InvalidFieldException;

/** Image names become folder names: only a safe, short alphabet, never a path. */
final class ImageNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private ImageNames() {
    }

    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidFieldException("name", "name is required");
        }
        if (!valid(name)) {
            throw new InvalidFieldException("name",
                    "name must be 1-63 characters of a-z, 0-9, '.', '_' and '-', start with a letter or digit,"
                            + " and not contain '..'");
        }
        return name;
    }
}
