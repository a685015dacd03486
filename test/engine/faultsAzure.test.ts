/**
 * The fault matrix, part two: Azure's own failures and refusals (operations that fail, replication
 * that outlasts its timeout, a change already running, a parent not yet known); faultMatrix.ts says
 * what every case asserts.
 */
import * as assert from "assert";
import { armId } from "../support/emulator";
import { MATRIX, faultMatrix, said, versionPath, imagePath, status, deploy } from "./faultMatrix";
import { ok, plan } from "./runs";

describe(MATRIX, function () {
    const m = faultMatrix();
    const { pipeline, applied, matchesAzure, converges, fault } = m;

    describe("Azure's own failures and refusals", function () {
        it("an operation that ends Failed: the error names the resource and Azure's words; the dependents' exports do not hang the run; re-run sends it again", async () => {
            const s = pipeline("failing");
            fault("PUT", imagePath("failing"), { kind: "operationFails", message: "an internal error occurred" }, 1);
            const r = await deploy(s);
            assert.match(String(r.error), /image: Azure accepted the create of GalleryImage "golden-images\/failing\/app", then it did not complete: .*an internal error occurred/);
            assert.ok(!plan(r).includes("create version"), "the dependent waits for a definition that failed");
            matchesAzure(s, "failing");
            const again = await converges(s, "failing");
            assert.deepStrictEqual(plan(again), ["same gallery", "update image", "create version"]);
            assert.match(String(again.outputs.versionId), /\/versions\/1\.0\.0$/, "the exports resolve once it succeeds");
        });

        it("one region of several failing: the error names it; the version is recorded; re-run sends it again", async () => {
            const s = pipeline("oneregion", { regions: JSON.stringify(["westus", "eastus", "northeurope"]) });
            fault("PUT", versionPath("oneregion"), { kind: "replicationFails", region: "eastus", message: "the region ran out of capacity" }, 1);
            const r = await deploy(s);
            assert.match(String(r.error), /version: .*East US.*the region ran out of capacity/);
            matchesAzure(s, "oneregion");
            await converges(s, "oneregion");
            assert.strictEqual(applied("PUT", versionPath("oneregion")).length, 2, "the retry is Azure's way: the version sent again, once");
        });

        it("a replication outlasting timeouts.create: stops waiting with progress, recorded; the next up only waits", async () => {
            Object.assign(m.emulator.timing, { replicationMsPerRegion: 1500 });
            const s = pipeline("slow", { regions: JSON.stringify(["westus", "eastus"]), timeouts: JSON.stringify({ create: "1s" }) });
            const r = await deploy(s);
            assert.match(String(r.error), /version: .*stopped waiting after 1s \(timeouts\.create\); Azure goes on \(replicating to 2 region\(s\).*The next up waits for it without sending it again/);
            matchesAzure(s, "slow", { states: false });
            s.config["definition:timeouts"] = JSON.stringify({ create: "1m" });
            const at = m.emulator.requests.length;
            await converges(s, "slow");
            assert.strictEqual(applied("PUT", versionPath("slow"), at).length, 0, "waited, sent nothing");
        });

        it("409 'operation in progress' (someone else's change still running): waits for it, then updates", async () => {
            const s = pipeline("inprogress");
            ok(await deploy(s));
            m.emulator.timing.operationMs = 1500;
            // Someone's portal edit, accepted by Azure just before the up writes, still running when it does.
            m.emulator.onRequest = (r) => {
                if (r.method !== "GET" || !imagePath("inprogress").test(r.path)) return;
                m.emulator.onRequest = undefined;
                const edit = { method: "PATCH", path: armId("inprogress", "app"), query: new URLSearchParams({ "api-version": "2025-03-03" }), body: { properties: { description: "edited in the portal" } }, baseUrl: m.emulator.endpoint, faults: [] };
                assert.strictEqual(m.emulator.service.handle(edit).status, 200);
            };
            s.config["definition:description"] = "from the program";
            const at = m.emulator.requests.length;
            const r = await deploy(s);
            ok(r);
            const patches = m.emulator.requests.slice(at).filter((x) => x.method === "PATCH" && imagePath("inprogress").test(x.path)).map((x) => x.status);
            assert.deepStrictEqual([patches[0], patches[patches.length - 1]], [409, 200], `refused while busy, then applied: ${patches}`);
            assert.strictEqual((m.emulator.service.get(armId("inprogress", "app")) as { properties: { description: string } }).properties.description, "from the program");
            await converges(s, "inprogress");
        });

        it("404 ParentResourceNotFound right after the parent's create: retried briefly, then created", async () => {
            const s = pipeline("lagging");
            fault("PUT", imagePath("lagging"), status(404, { code: "ParentResourceNotFound" }), 2);
            const r = await deploy(s);
            ok(r);
            assert.match(said(r), /Azure does not know the parent yet; trying again/);
            matchesAzure(s, "lagging");
        });

        it("the nested-resource 409 right after the children are deleted: destroy rides it out", async () => {
            const s = pipeline("nested");
            ok(await deploy(s));
            m.emulator.faults.nestedDeleteLagMs = 1200;
            ok(await s.destroy());
            matchesAzure(s, "nested");
            assert.strictEqual(m.emulator.service.ids().filter((id) => /galleries\/nested/i.test(id)).length, 0);
        });
    });
});
