package org.emotive.api.image;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The images a node can boot VMs from. */
@ProviderType
public interface ImageRegistry {

    List<Image> list();

    Optional<Image> find(String name);
}
