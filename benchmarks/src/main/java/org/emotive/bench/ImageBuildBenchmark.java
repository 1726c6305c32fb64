package org.emotive.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** The time of one Debian base image build through Emotive (debootstrap, configure, disk), by phase. */
final class ImageBuildBenchmark {

    private final RestApi api;
    private final String suite;

    ImageBuildBenchmark(Options o) {
        this.api = new RestApi(o);
        this.suite = o.get("suite", "bookworm");
    }

    void run() throws Exception {
        String name = "bench-debian-" + System.currentTimeMillis();
        long start = System.nanoTime();
        api.post("/api/v1/images", "{\"name\":\"" + name + "\",\"source\":{\"debootstrap\":{\"suite\":\"" + suite
                + "\"}}}", 202);
        String phase = "";
        long phaseStart = start;
        JsonNode image;
        while (true) {
            image = api.get("/api/v1/images/" + name);
            String now = image.path("phase").asText();
            if (!now.equals(phase)) {
                if (!phase.isEmpty()) {
                    System.out.printf("  %-12s %6.1f s%n", phase, (System.nanoTime() - phaseStart) / 1e9);
                }
                phase = now;
                phaseStart = System.nanoTime();
            }
            if (!"pending".equals(image.get("state").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        double total = (System.nanoTime() - start) / 1e9;
        System.out.printf("image build (%s): %s in %.1f s, disk %d MiB actual of %d MiB%n", suite,
                image.get("state").asText(), total, image.path("actualSizeBytes").asLong() >> 20,
                image.path("virtualSizeBytes").asLong() >> 20);
        api.delete("/api/v1/images/" + name);
    }
}
