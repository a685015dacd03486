/** Scripted faults, observed through the real SDK the way the real service's would be. */
import * as assert from "assert";
import { RestError } from "@azure/core-rest-pipeline";
import { ArmEmulator } from "../../emulator/server";
import { FAST_POLL, RESOURCE_GROUP, sdkClient, startTestEmulator } from "../support/emulator";

const SOURCE = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/build/providers/Microsoft.Compute/images/golden";

describe("fault injection seen through the SDK", function () {
    let emulator: ArmEmulator;
    beforeEach(async () => {
        emulator = await startTestEmulator();
    });
    afterEach(async () => emulator.stop());

    /** Statuses of the requests to a path (optionally one method, from a log position); writes are followed by polls and a final GET. */
    const statuses = (path: string, method?: string, since = 0) =>
        emulator.requests.slice(since).filter((r) => r.path.includes(path) && (!method || r.method === method)).map((r) => r.status);

    it("429 with Retry-After: the SDK waits as told and retries", async () => {
        emulator.faults.add({ method: "PUT", path: "/galleries/throttled", action: { kind: "status", status: 429, retryAfterSeconds: 1 }, times: 1 });
        const started = Date.now();
        const g = await sdkClient(emulator).galleries.createOrUpdate(RESOURCE_GROUP, "throttled", { location: "westus" }, FAST_POLL);
        assert.strictEqual(g.provisioningState, "Succeeded");
        assert.deepStrictEqual(statuses("/galleries/throttled", "PUT"), [429, 201]);
        assert.ok(Date.now() - started >= 900, "waited for Retry-After");
    });

    for (const status of [500, 503]) {
        it(`${status}: the SDK retries and succeeds`, async () => {
            const sdk = sdkClient(emulator);
            await sdk.galleries.createOrUpdate(RESOURCE_GROUP, "flaky", { location: "westus" }, FAST_POLL);
            // After the create: its final GET of the resource would meet the fault first.
            emulator.faults.add({ method: "GET", path: "/galleries/flaky", action: { kind: "status", status }, times: 2 });
            const since = emulator.requests.length;
            const g = await sdk.galleries.get(RESOURCE_GROUP, "flaky");
            assert.strictEqual(g.name, "flaky");
            assert.deepStrictEqual(statuses("/galleries/flaky", "GET", since), [status, status, 200]);
        });
    }

    it("a fault that persists past the SDK's retries surfaces as the service's error", async () => {
        emulator.faults.add({ method: "GET", path: "/galleries/down", action: { kind: "status", status: 500 } });
        const sdk = sdkClient(emulator);
        await assert.rejects(sdk.galleries.get(RESOURCE_GROUP, "down"), (e: RestError) => e.statusCode === 500 && e.code === "InternalServerError");
    });

    it("a dropped connection: the SDK retries on the network error", async () => {
        const sdk = sdkClient(emulator);
        await sdk.galleries.createOrUpdate(RESOURCE_GROUP, "dropped", { location: "westus" }, FAST_POLL);
        emulator.faults.add({ method: "GET", path: "/galleries/dropped", action: { kind: "drop" }, times: 1 });
        const since = emulator.requests.length;
        const g = await sdk.galleries.get(RESOURCE_GROUP, "dropped");
        assert.strictEqual(g.name, "dropped");
        assert.deepStrictEqual(statuses("/galleries/dropped", "GET", since), [0, 200], "0 marks the dropped request in the log");
    });

    it("added latency delays the answer and shows in the request log", async () => {
        emulator.faults.add({ method: "PUT", path: "/galleries/slow", action: { kind: "latency", ms: 300 }, times: 1 });
        await sdkClient(emulator).galleries.createOrUpdate(RESOURCE_GROUP, "slow", { location: "westus" }, FAST_POLL);
        const put = emulator.requests.find((r) => r.method === "PUT" && r.path.endsWith("/galleries/slow"));
        assert.ok(put && put.durationMs >= 300, `logged ${put?.durationMs} ms`);
    });

    it("a long-running operation that ends Failed rejects the poller with the service's error and leaves the resource Failed", async () => {
        emulator.timing.operationMs = 100;
        emulator.faults.add({ method: "PUT", path: "/galleries/broken", action: { kind: "operationFails", code: "InternalOperationError", message: "Gallery creation failed." }, times: 1 });
        const sdk = sdkClient(emulator);
        await assert.rejects(sdk.galleries.createOrUpdate(RESOURCE_GROUP, "broken", { location: "westus" }, FAST_POLL), /Gallery creation failed/);
        const g = await sdk.galleries.get(RESOURCE_GROUP, "broken");
        assert.strictEqual(g.provisioningState, "Failed");
    });

    it("replication failing in one region fails the version's operation, naming the region", async () => {
        emulator.timing.replicationMsPerRegion = 100;
        const sdk = sdkClient(emulator);
        await sdk.galleries.createOrUpdate(RESOURCE_GROUP, "repl", { location: "westus" }, FAST_POLL);
        await sdk.galleryImages.createOrUpdate(RESOURCE_GROUP, "repl", "img", { location: "westus", osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } }, FAST_POLL);
        emulator.faults.add({ method: "PUT", path: "/versions/1.0.0", action: { kind: "replicationFails", region: "East US", message: "The GalleryImageVersion source resource size 2520 exceeds the max size 2048 supported" }, times: 1 });
        await assert.rejects(
            sdk.galleryImageVersions.createOrUpdate(RESOURCE_GROUP, "repl", "img", "1.0.0", {
                location: "westus",
                storageProfile: { source: { id: SOURCE } },
                publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus" }] },
            }, FAST_POLL),
            /East US.*exceeds the max size/,
        );
        const v = await sdk.galleryImageVersions.get(RESOURCE_GROUP, "repl", "img", "1.0.0", { expand: "ReplicationStatus" });
        assert.strictEqual(v.provisioningState, "Failed");
        assert.deepStrictEqual(v.replicationStatus?.summary?.map((s) => s.state), ["Completed", "Failed"]);
        assert.strictEqual(v.replicationStatus?.aggregatedState, "Failed");
    });

    it("eventual consistency: a parent delete is refused for a while after its last child is gone", async () => {
        emulator.faults.nestedDeleteLagMs = 400;
        const sdk = sdkClient(emulator);
        await sdk.galleries.createOrUpdate(RESOURCE_GROUP, "lagging", { location: "westus" }, FAST_POLL);
        await sdk.galleryImages.createOrUpdate(RESOURCE_GROUP, "lagging", "img", { location: "westus", osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } }, FAST_POLL);
        await sdk.galleryImages.delete(RESOURCE_GROUP, "lagging", "img", FAST_POLL);
        await assert.rejects(sdk.galleries.delete(RESOURCE_GROUP, "lagging", FAST_POLL), (e: RestError) => e.statusCode === 409 && e.code === "CannotDeleteResource");
        await new Promise((r) => setTimeout(r, 450));
        await sdk.galleries.delete(RESOURCE_GROUP, "lagging", FAST_POLL);
        await assert.rejects(sdk.galleries.get(RESOURCE_GROUP, "lagging"), (e: RestError) => e.statusCode === 404);
    });
});
