package org.emotive.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.emotive.api.image.Image;

/** An image as the API returns it; {@code users} (VM ids) is shown to admins, {@code userCount} to all. */
@Schema(name = "Image")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageJson(String name, String kind, String state, String owner, String format,
                        Long virtualSizeBytes, Long actualSizeBytes, boolean directKernelBoot, String cmdline,
                        String phase, int progress, String error, Instant createdAt,
                        Integer userCount, List<String> users) {

    static ImageJson of(Image image, List<String> users, boolean showUsers) {
        return new ImageJson(image.name(), image.kind().wireName(), image.state().wireName(), image.owner(),
                image.disk() == null ? null : image.disk().format(),
                image.disk() == null ? null : image.disk().virtualSizeBytes(),
                image.disk() == null ? null : image.disk().actualSizeBytes(),
                image.bootsKernel(), image.cmdline(), image.phase(), image.progress(), image.error(),
                image.createdAt(), users == null ? null : users.size(), showUsers ? users : null);
    }
}
