/**
 * The fault matrix, part one: throttling, server errors and dropped connections, one at a time and
 * at random across a 40-version stack (faultMatrix.ts says what every case asserts).
 */
import * as assert from "assert";
import { FaultAction } from "../../emulator/faults";
import { managedImage, stack } from "./stacks";
import { MATRIX, faultMatrix, said, POLL, versionPath, imagePath, status, deploy } from "./faultMatrix";
import { ok } from "./runs";

describe(MATRIX, function () {
    const m = faultMatrix();
    const { pipeline, applied, matchesAzure, converges, fault } = m;

    describe("throttling and server errors", function () {
        it("429 on a PUT, within the retry budget: nothing to do; the write is applied once", async () => {
            const s = pipeline("throttled");
            fault("PUT", versionPath("throttled"), status(429), 3);
            ok(await deploy(s));
            assert.strictEqual(applied("PUT", versionPath("throttled")).length, 1);
            matchesAzure(s, "throttled");
        });

        it("429 on a PUT, beyond the retry budget: 'Azure kept throttling', nothing recorded or created; re-run", async () => {
            const s = pipeline("overthrottled", { "azure-compute-gallery:maxRetries": "1" });
            fault("PUT", versionPath("overthrottled"), status(429), 2);
            const r = await deploy(s);
            assert.match(String(r.error), /version: Azure kept throttling the request to create GalleryImageVersion "golden-images\/overthrottled\/app\/1\.0\.0" \(still 429.*TooManyRequests.*Run again later/);
            matchesAzure(s, "overthrottled");
            await converges(s, "overthrottled");
            assert.strictEqual(applied("PUT", versionPath("overthrottled")).length, 1);
        });

        it("503 on the operation's polls, within the budget: nothing to do", async () => {
            m.emulator.timing.operationMs = 300;
            const s = pipeline("polls");
            fault("GET", POLL, status(503), 2);
            ok(await deploy(s));
            matchesAzure(s, "polls");
        });

        it("503 on every poll, beyond the budget: the wait follows the resource instead; the up succeeds", async () => {
            m.emulator.timing.operationMs = 300;
            const s = pipeline("lostpolls", { "azure-compute-gallery:maxRetries": "1" });
            fault("GET", POLL, status(503));
            const r = await deploy(s);
            ok(r);
            assert.match(said(r), /lost track of Azure's operation .*503.*following the resource instead/);
            assert.strictEqual(applied("PUT", versionPath("lostpolls")).length, 1, "never sent again");
            matchesAzure(s, "lostpolls");
        });

        it("500 on a read, beyond the budget: 'Azure did not answer the read', nothing sent; re-run", async () => {
            const s = pipeline("noread", { "azure-compute-gallery:maxRetries": "1" });
            fault("GET", imagePath("noread"), status(500, { retryAfterSeconds: undefined }), 2);
            const r = await deploy(s);
            assert.match(String(r.error), /image: Azure did not answer the request to read GalleryImage "golden-images\/noread\/app": InternalServerError/);
            assert.strictEqual(applied("PUT", imagePath("noread")).length, 0);
            matchesAzure(s, "noread");
            await converges(s, "noread");
        });

        it("429 and 503 on DELETEs within the budget, and 503 beyond it: destroy finishes, or says Azure did not answer and a re-run finishes", async () => {
            const s = pipeline("deletes", { "azure-compute-gallery:maxRetries": "2" });
            ok(await deploy(s));
            fault("DELETE", versionPath("deletes"), status(429), 1);
            fault("DELETE", imagePath("deletes"), status(503), 2);
            fault("DELETE", /\/galleries\/deletes$/i, status(503));
            const r = await s.destroy();
            assert.match(String(r.error), /Azure did not answer the request to delete Gallery "golden-images\/deletes": ServiceUnavailable/);
            matchesAzure(s, "deletes");
            m.emulator.faults.clear();
            ok(await s.destroy());
            assert.deepStrictEqual([...s.state.keys()], []);
            matchesAzure(s, "deletes");
        });
    });

    describe("dropped connections", function () {
        it("before Azure got the PUT: read, found missing, sent again once; applied once", async () => {
            const s = pipeline("dropped");
            fault("PUT", versionPath("dropped"), { kind: "drop" }, 1);
            const r = await deploy(s);
            ok(r);
            assert.match(said(r), /Azure did not answer the create and does not have it; sending it again/);
            assert.strictEqual(applied("PUT", versionPath("dropped")).length, 1);
            matchesAzure(s, "dropped");
        });

        it("after Azure applied the PUT, the answer lost: read, found, followed; never sent twice", async () => {
            m.emulator.timing.operationMs = 300;
            const s = pipeline("lostanswer");
            fault("PUT", versionPath("lostanswer"), { kind: "dropAnswer" }, 1);
            const r = await deploy(s);
            ok(r);
            assert.match(said(r), /Azure did not answer the create, but has it; following it/);
            assert.strictEqual(m.emulator.requests.filter((x) => x.method === "PUT" && versionPath("lostanswer").test(x.path)).length, 1, "one PUT on the wire");
            matchesAzure(s, "lostanswer");
        });

        it("after Azure applied a PATCH, and a DELETE: followed, never sent twice", async () => {
            const s = pipeline("lostpatch");
            ok(await deploy(s));
            s.config["definition:regions"] = JSON.stringify(["westus", "eastus"]);
            fault("PATCH", versionPath("lostpatch"), { kind: "dropAnswer" }, 1);
            const patched = await deploy(s);
            ok(patched);
            assert.match(said(patched), /Azure did not answer the update, but has it; following it/);
            assert.deepStrictEqual(m.emulator.requests.filter((x) => x.method === "PATCH" && versionPath("lostpatch").test(x.path)).map((x) => x.lost), [true], "one PATCH, its answer lost");
            matchesAzure(s, "lostpatch");
            await converges(s, "lostpatch");

            fault("DELETE", versionPath("lostpatch"), { kind: "dropAnswer" }, 1);
            ok(await s.destroy());
            assert.deepStrictEqual(m.emulator.requests.filter((x) => x.method === "DELETE" && versionPath("lostpatch").test(x.path)).map((x) => x.lost), [true], "one DELETE, its answer lost");
            matchesAzure(s, "lostpatch");
        });

        it("a gateway's 504 after Azure applied the PUT, and a 500 before: read back each time; applied once", async () => {
            const s = pipeline("gateway");
            fault("PUT", versionPath("gateway"), status(504, { code: "GatewayTimeout", applied: true, retryAfterSeconds: undefined }), 1);
            fault("PUT", imagePath("gateway"), status(500, { retryAfterSeconds: undefined }), 1);
            const r = await deploy(s);
            ok(r);
            assert.match(said(r), /Azure did not answer the create, but has it; following it/);
            assert.match(said(r), /Azure did not answer the create and does not have it; sending it again/);
            assert.strictEqual(m.emulator.requests.filter((x) => x.method === "PUT" && versionPath("gateway").test(x.path)).length, 1, "the version's PUT went out once");
            assert.strictEqual(applied("PUT", imagePath("gateway")).length, 1);
            matchesAzure(s, "gateway");
        });
    });

    it("a 40-version stack with random faults on 10% of requests finishes on its first run, each write applied once", async function () {
        this.timeout(300_000);
        m.emulator.timing.operationMs = 100;
        let seed = 42;
        m.emulator.faults.random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const actions: FaultAction[] = [status(429), status(503), { kind: "drop" }, { kind: "dropAnswer" }];
        for (const action of actions) m.emulator.faults.add({ path: /\/(galleries|capsoperations)\//i, action, chance: 0.025 });
        const s = stack("bench/scale", m.emulator, { galleryName: "noisy", definitions: "2", versions: "20", regions: JSON.stringify(["westus", "eastus"]), sourceId: managedImage("app") }, { progressIntervalSeconds: 0.2 });
        const at = m.emulator.requests.length;
        const r = await deploy(s);
        ok(r);
        m.emulator.faults.random = Math.random;
        const faulted = m.emulator.requests.slice(at).filter((x) => x.status === 0 || x.status >= 400 || x.lost).length;
        assert.ok(faulted >= 10, `faults were met (${faulted})`);
        assert.strictEqual(s.state.size, 43);
        matchesAzure(s, "noisy");
        const puts = new Map<string, number>();
        for (const w of applied("PUT", /\/galleries\//i, at)) puts.set(w.path.toLowerCase(), (puts.get(w.path.toLowerCase()) ?? 0) + 1);
        assert.deepStrictEqual([...puts.values()].filter((n) => n !== 1), [], "no resource was written twice");
        await converges(s, "noisy");
    });
});
