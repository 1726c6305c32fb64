package org.emotive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * Checkpoint and restore of one running VM through Emotive against raw libvirt save/restore
 * of the very same domain, interleaved in one run. Emotive's checkpoint is save + disk copy +
 * restore (the guest runs on); its restore checks the checkpoint's checksums, then powers off,
 * swaps the disk and restores. Raw: save + restore, and destroy + restore.
 */
final class CheckpointBenchmark {

    private final RestApi api;
    private final int rounds;

    CheckpointBenchmark(Options o) {
        this.api = new RestApi(o);
        this.rounds = o.getInt("rounds", 5);
    }

    void run() throws Exception {
        JsonNode vm = api.post("/api/v1/vms",
                "{\"name\":\"bench-ckpt\",\"vcpus\":1,\"memoryMiB\":128,\"image\":\"busybox\",\"diskGiB\":1}", 201);
        String id = vm.get("id").asText();
        Connect libvirt = new Connect("qemu:///system");
        Path raw = Files.createTempDirectory("emotive-bench-save").resolve("raw.save");
        Stats checkpoint = new Stats();
        Stats restore = new Stats();
        Stats rawSaveRestore = new Stats();
        Stats rawDestroyRestore = new Stats();
        try {
            Thread.sleep(5000); // the guest boots
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                String c = api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"checkpoint\"}", 202)
                        .get("id").asText();
                checkpoint.add(System.nanoTime() - start);
                awaitSealed(id, c);
                start = System.nanoTime();
                api.post("/api/v1/vms/" + id + "/actions", "{\"action\":\"restore\",\"checkpoint\":\"" + c + "\"}", 200);
                restore.add(System.nanoTime() - start);

                Domain d = libvirt.domainLookupByUUIDString(id);
                start = System.nanoTime();
                d.save(raw.toString());
                libvirt.restore(raw.toString());
                rawSaveRestore.add(System.nanoTime() - start);
                start = System.nanoTime();
                libvirt.domainLookupByUUIDString(id).destroy();
                libvirt.restore(raw.toString());
                rawDestroyRestore.add(System.nanoTime() - start);
                Files.deleteIfExists(raw);
            }
        } finally {
            api.delete("/api/v1/vms/" + id);
            libvirt.close();
        }
        System.out.println("Emotive checkpoint      : " + checkpoint.describe());
        System.out.println("raw save + restore      : " + rawSaveRestore.describe());
        System.out.println("Emotive restore         : " + restore.describe());
        System.out.println("raw destroy + restore   : " + rawDestroyRestore.describe());
        System.out.printf("ratio checkpoint/raw (median)            : %.3f%n",
                checkpoint.median() / rawSaveRestore.median());
        System.out.printf("ratio restore/raw (median)               : %.3f%n",
                restore.median() / rawDestroyRestore.median());
        System.out.printf("ratio checkpoint+restore/raw (medians)   : %.3f%n",
                (checkpoint.median() + restore.median()) / (rawSaveRestore.median() + rawDestroyRestore.median()));
    }

    private void awaitSealed(String vm, String checkpoint) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (api.get("/api/v1/vms/" + vm + "/checkpoints/" + checkpoint).get("sealed").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("checkpoint " + checkpoint + " never sealed");
    }
}
