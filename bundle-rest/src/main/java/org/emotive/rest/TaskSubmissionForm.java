package org.emotive.rest;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** How {@code POST /tasks} looks in the OpenAPI document: only a description, the parts are read one by one. */
@Schema(name = "TaskSubmission")
record TaskSubmissionForm(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the task, as JSON") SubmitTaskRequest spec,
        @ArraySchema(schema = @Schema(type = "string", format = "binary",
                description = "an input file: its filename is its name under /in")) List<byte[]> files) {
}
