/** The real ComputeManagementClient against the emulator: full lifecycle of all three kinds. */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, armId, sdkClient, startTestEmulator } from "../support/emulator";

const SOURCE = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/build/providers/Microsoft.Compute/images/golden-2026";

describe("the real SDK against the emulator", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 200, replicationMsPerRegion: 400, retryAfterSeconds: 1, pageSize: 2 });
    });
    after(async () => emulator.stop());

    it("creates, reads, updates, lists and deletes galleries, definitions and versions", async () => {
        const sdk = sdkClient(emulator);
        const g = await sdk.galleries.createOrUpdate(RESOURCE_GROUP, "goldenImages", { location: "eastus", description: "golden", tags: { team: "platform" } });
        assert.strictEqual(g.provisioningState, "Succeeded");
        assert.strictEqual(g.location, "East US");
        assert.match(g.identifier?.uniqueName ?? "", /-GOLDENIMAGES$/);
        const patched = await sdk.galleries.update(RESOURCE_GROUP, "goldenImages", { description: "golden images" });
        assert.strictEqual(patched.description, "golden images");
        assert.deepStrictEqual(patched.tags, { team: "platform" }, "a PATCH without tags keeps them");

        for (const sku of ["22_04", "24_04", "24_10"]) {
            await sdk.galleryImages.createOrUpdate(RESOURCE_GROUP, "goldenImages", `ubuntu-${sku}`, {
                location: "eastus",
                osType: "Linux",
                osState: "Generalized",
                hyperVGeneration: "V2",
                identifier: { publisher: "contoso", offer: "ubuntu", sku },
                features: [{ name: "SecurityType", value: "TrustedLaunchSupported" }],
            });
        }
        const images = [];
        for await (const i of sdk.galleryImages.listByGallery(RESOURCE_GROUP, "goldenImages")) images.push(i.name);
        assert.deepStrictEqual(images, ["ubuntu-22_04", "ubuntu-24_04", "ubuntu-24_10"], "three items over two pages (page size 2)");
        assert.ok(emulator.requests.some((r) => r.query.includes("skiptoken")), "the second page was fetched through nextLink");

        const img = await sdk.galleryImages.update(RESOURCE_GROUP, "goldenImages", "ubuntu-24_04", { description: "LTS", recommended: { vCPUs: { min: 2, max: 16 } } });
        assert.strictEqual(img.description, "LTS");
        assert.strictEqual(img.recommended?.vCPUs?.max, 16);

        const started = Date.now();
        const v = await sdk.galleryImageVersions.createOrUpdate(RESOURCE_GROUP, "goldenImages", "ubuntu-24_04", "1.0.0", {
            location: "eastus",
            storageProfile: { source: { id: SOURCE } },
            publishingProfile: {
                targetRegions: [
                    { name: "East US", regionalReplicaCount: 2 },
                    { name: "westeurope", regionalReplicaCount: 1, storageAccountType: "Standard_ZRS" },
                    { name: "Southeast Asia" },
                ],
            },
        });
        assert.ok(Date.now() - started >= 1200, "create waits for replication to three regions (3 x 400 ms)");
        assert.strictEqual(v.provisioningState, "Succeeded");
        const withStatus = await sdk.galleryImageVersions.get(RESOURCE_GROUP, "goldenImages", "ubuntu-24_04", "1.0.0", { expand: "ReplicationStatus" });
        assert.strictEqual(withStatus.replicationStatus?.aggregatedState, "Completed");
        assert.deepStrictEqual(
            withStatus.replicationStatus?.summary?.map((s) => [s.region, s.state, s.progress]),
            [["East US", "Completed", 100], ["West Europe", "Completed", 100], ["Southeast Asia", "Completed", 100]],
        );
        const plain = await sdk.galleryImageVersions.get(RESOURCE_GROUP, "goldenImages", "ubuntu-24_04", "1.0.0");
        assert.strictEqual(plain.replicationStatus, undefined, "replication status only with $expand");

        const updated = await sdk.galleryImageVersions.update(RESOURCE_GROUP, "goldenImages", "ubuntu-24_04", "1.0.0", {
            publishingProfile: {
                excludeFromLatest: true,
                targetRegions: [{ name: "eastus", regionalReplicaCount: 3 }, { name: "westeurope", regionalReplicaCount: 1, storageAccountType: "Standard_ZRS" }, { name: "southeastasia" }],
            },
            storageProfile: {},
        });
        assert.strictEqual(updated.publishingProfile?.excludeFromLatest, true);
        assert.strictEqual(updated.publishingProfile?.targetRegions?.[0].regionalReplicaCount, 3);
        assert.strictEqual(updated.storageProfile?.source?.id, SOURCE, "a PATCH with an empty storageProfile keeps the source");

        await sdk.galleryImageVersions.delete(RESOURCE_GROUP, "goldenImages", "ubuntu-24_04", "1.0.0");
        await assert.rejects(sdk.galleryImageVersions.get(RESOURCE_GROUP, "goldenImages", "ubuntu-24_04", "1.0.0"), (e: { statusCode?: number }) => e.statusCode === 404);
        for (const sku of ["22_04", "24_04", "24_10"]) await sdk.galleryImages.delete(RESOURCE_GROUP, "goldenImages", `ubuntu-${sku}`);
        await sdk.galleries.delete(RESOURCE_GROUP, "goldenImages");
        assert.strictEqual(emulator.service.get(armId("goldenImages")), undefined);
    });

    it("reports progress region by region while a version replicates", async () => {
        const sdk = sdkClient(emulator);
        await sdk.galleries.createOrUpdate(RESOURCE_GROUP, "progress", { location: "westus" });
        await sdk.galleryImages.createOrUpdate(RESOURCE_GROUP, "progress", "img", { location: "westus", osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } });
        const poller = sdk.galleryImageVersions.createOrUpdate(RESOURCE_GROUP, "progress", "img", "2.0.0", {
            location: "westus",
            storageProfile: { source: { id: SOURCE } },
            publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus2" }] },
        });
        await poller.submitted();
        let finished = false;
        const done = poller.pollUntilDone().finally(() => (finished = true));
        const seen = new Set<string>();
        while (!finished) {
            const v = await sdk.galleryImageVersions.get(RESOURCE_GROUP, "progress", "img", "2.0.0", { expand: "ReplicationStatus" });
            seen.add(v.replicationStatus?.summary?.map((s) => `${s.region}:${s.state}`).join(",") ?? "");
            await new Promise((r) => setTimeout(r, 100));
        }
        await done;
        assert.ok(seen.has("West US:Completed,East US 2:Replicating"), `the source region finishes first, then the next: ${[...seen].join(" | ")}`);
    });
});
