package org.emotive.rest;

import org.emotive.api.ServiceUnavailableException;
import org.emotive.api.node.NodeService;

/** What a resource says while the node agent is absent (feature emotive-node not installed). */
final class NodeAgentMissing {

    static final int RETRY_AFTER_SECONDS = 10;

    private NodeAgentMissing() {
    }

    static NodeService require(NodeService node) {
        if (node == null) {
            throw new ServiceUnavailableException("the node agent is not running (feature emotive-node)",
                    RETRY_AFTER_SECONDS);
        }
        return node;
    }
}
