/**
 * The faults an unattended pipeline meets, through the engine stand-in and Pulumi's real
 * dynamic-provider host against the emulator. Each case asserts what the user sees, that the stack's
 * state matches what Azure holds afterwards, and that running again with the same program converges
 * (and the preview after it is quiet). The README's "Failure behaviour" table summarises this file.
 */
import * as assert from "assert";
import { FaultAction } from "../../emulator/faults";
import { ArmEmulator, RequestLogEntry } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, armId, startTestEmulator } from "../support/emulator";
import { EngineDriver, RunResult } from "./driver";
import { managedImage, stack } from "./stacks";

const name = (urn: string) => urn.split("::").pop();
const plan = (r: RunResult) => r.steps.map((s) => `${s.op} ${name(s.urn)}`);
const ok = (r: RunResult) => assert.strictEqual(r.error, undefined, r.error);
const said = (r: RunResult) => r.logs.map((l) => l.message).join("\n");

/** The Azure status poll of a long-running operation (the service's `Azure-AsyncOperation`). */
const POLL = /\/capsoperations\//i;
const versionPath = (gallery: string) => new RegExp(`/galleries/${gallery}/images/app/versions/1\\.0\\.0$`, "i");
const imagePath = (gallery: string) => new RegExp(`/galleries/${gallery}/images/app$`, "i");

describe("fault matrix: what an unattended `pulumi up` meets, and that a re-run converges", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
        emulator.service.registerSource(managedImage("app"), { location: "westus", osDiskSizeGB: 30 });
        emulator.service.registerSource(managedImage("app-rebuilt"), { location: "westus", osDiskSizeGB: 30 });
    });
    afterEach(() => {
        emulator.faults.clear();
        emulator.onRequest = undefined;
        Object.assign(emulator.timing, { operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator.stop());

    /** The pipeline's stack: a gallery, a definition and a version, in its own gallery. */
    const pipeline = (galleryName: string, config: Record<string, string> = {}) =>
        stack("fixtures/definition", emulator, { galleryName, osState: "Generalized", sourceId: managedImage("app"), ...config }, { progressIntervalSeconds: 0.2 });

    /** Requests Azure applied (answered 2xx, or served with the answer lost), by method and path. */
    const applied = (method: string, path: RegExp, since = 0) =>
        emulator.requests.slice(since).filter((r: RequestLogEntry) => r.method === method && path.test(r.path) && r.status >= 200 && r.status < 300);

    /** The stack's state and Azure hold the same resources (ids compared as ARM does, without case), in the same provisioning state. */
    function matchesAzure(s: EngineDriver, galleryName: string, opts: { states?: boolean } = {}): void {
        const inAzure = emulator.service.ids().filter((id) => id.toLowerCase().includes(`/galleries/${galleryName.toLowerCase()}`));
        assert.deepStrictEqual([...s.state.values()].map((r) => r.id.toLowerCase()).sort(), inAzure.map((id) => id.toLowerCase()).sort(), "state and Azure hold the same resources");
        if (opts.states === false) return;
        for (const r of s.state.values()) {
            const held = emulator.service.get(r.id) as { properties: { provisioningState: string } };
            assert.strictEqual(r.outputs.provisioningState, held.properties.provisioningState, `${name(r.urn)}: state and Azure agree`);
        }
    }

    /** Runs again with the faults gone and the same program: it converges, and the preview after it is quiet. */
    async function converges(s: EngineDriver, galleryName: string): Promise<RunResult> {
        emulator.faults.clear();
        emulator.onRequest = undefined;
        const again = await s.up();
        ok(again);
        const quiet = await s.preview();
        ok(quiet);
        assert.deepStrictEqual(plan(quiet).filter((p) => !p.startsWith("same ")), [], "nothing left to do");
        matchesAzure(s, galleryName);
        return again;
    }

    const fault = (method: string, path: RegExp, action: FaultAction, times?: number) => emulator.faults.add({ method, path, action, times });
    const status = (code: number, extra: Partial<Extract<FaultAction, { kind: "status" }>> = {}): FaultAction => ({ kind: "status", status: code, retryAfterSeconds: 0, ...extra });

    describe("throttling and server errors", function () {
        it("429 on a PUT, within the retry budget: nothing to do; the write is applied once", async () => {
            const s = pipeline("throttled");
            fault("PUT", versionPath("throttled"), status(429), 3);
            ok(await s.up());
            assert.strictEqual(applied("PUT", versionPath("throttled")).length, 1);
            matchesAzure(s, "throttled");
        });

        it("429 on a PUT, beyond the retry budget: 'Azure kept throttling', nothing recorded or created; re-run", async () => {
            const s = pipeline("overthrottled", { "azure-compute-gallery:maxRetries": "1" });
            fault("PUT", versionPath("overthrottled"), status(429), 2);
            const r = await s.up();
            assert.match(String(r.error), /version: Azure kept throttling the request to create GalleryImageVersion "golden-images\/overthrottled\/app\/1\.0\.0" \(still 429.*TooManyRequests.*Run again later/);
            matchesAzure(s, "overthrottled");
            await converges(s, "overthrottled");
            assert.strictEqual(applied("PUT", versionPath("overthrottled")).length, 1);
        });

        it("503 on the operation's polls, within the budget: nothing to do", async () => {
            emulator.timing.operationMs = 300;
            const s = pipeline("polls");
            fault("GET", POLL, status(503), 2);
            ok(await s.up());
            matchesAzure(s, "polls");
        });

        it("503 on every poll, beyond the budget: the wait follows the resource instead; the up succeeds", async () => {
            emulator.timing.operationMs = 300;
            const s = pipeline("lostpolls", { "azure-compute-gallery:maxRetries": "1" });
            fault("GET", POLL, status(503));
            const r = await s.up();
            ok(r);
            assert.match(said(r), /lost track of Azure's operation .*503.*following the resource instead/);
            assert.strictEqual(applied("PUT", versionPath("lostpolls")).length, 1, "never sent again");
            matchesAzure(s, "lostpolls");
        });

        it("500 on a read, beyond the budget: 'Azure did not answer the read', nothing sent; re-run", async () => {
            const s = pipeline("noread", { "azure-compute-gallery:maxRetries": "1" });
            fault("GET", imagePath("noread"), status(500, { retryAfterSeconds: undefined }), 2);
            const r = await s.up();
            assert.match(String(r.error), /image: Azure did not answer the request to read GalleryImage "golden-images\/noread\/app": InternalServerError/);
            assert.strictEqual(applied("PUT", imagePath("noread")).length, 0);
            matchesAzure(s, "noread");
            await converges(s, "noread");
        });

        it("429 and 503 on DELETEs within the budget, and 503 beyond it: destroy finishes, or says Azure did not answer and a re-run finishes", async () => {
            const s = pipeline("deletes", { "azure-compute-gallery:maxRetries": "2" });
            ok(await s.up());
            fault("DELETE", versionPath("deletes"), status(429), 1);
            fault("DELETE", imagePath("deletes"), status(503), 2);
            fault("DELETE", /\/galleries\/deletes$/i, status(503));
            const r = await s.destroy();
            assert.match(String(r.error), /Azure did not answer the request to delete Gallery "golden-images\/deletes": ServiceUnavailable/);
            matchesAzure(s, "deletes");
            emulator.faults.clear();
            ok(await s.destroy());
            assert.deepStrictEqual([...s.state.keys()], []);
            matchesAzure(s, "deletes");
        });
    });

    describe("dropped connections", function () {
        it("before Azure got the PUT: read, found missing, sent again once; applied once", async () => {
            const s = pipeline("dropped");
            fault("PUT", versionPath("dropped"), { kind: "drop" }, 1);
            const r = await s.up();
            ok(r);
            assert.match(said(r), /Azure did not answer the create and does not have it; sending it again/);
            assert.strictEqual(applied("PUT", versionPath("dropped")).length, 1);
            matchesAzure(s, "dropped");
        });

        it("after Azure applied the PUT, the answer lost: read, found, followed; never sent twice", async () => {
            emulator.timing.operationMs = 300;
            const s = pipeline("lostanswer");
            fault("PUT", versionPath("lostanswer"), { kind: "dropAnswer" }, 1);
            const r = await s.up();
            ok(r);
            assert.match(said(r), /Azure did not answer the create, but has it; following it/);
            assert.strictEqual(emulator.requests.filter((x) => x.method === "PUT" && versionPath("lostanswer").test(x.path)).length, 1, "one PUT on the wire");
            matchesAzure(s, "lostanswer");
        });

        it("after Azure applied a PATCH, and a DELETE: followed, never sent twice", async () => {
            const s = pipeline("lostpatch");
            ok(await s.up());
            s.config["definition:regions"] = JSON.stringify(["westus", "eastus"]);
            fault("PATCH", versionPath("lostpatch"), { kind: "dropAnswer" }, 1);
            const patched = await s.up();
            ok(patched);
            assert.match(said(patched), /Azure did not answer the update, but has it; following it/);
            assert.deepStrictEqual(emulator.requests.filter((x) => x.method === "PATCH" && versionPath("lostpatch").test(x.path)).map((x) => x.lost), [true], "one PATCH, its answer lost");
            matchesAzure(s, "lostpatch");
            await converges(s, "lostpatch");

            fault("DELETE", versionPath("lostpatch"), { kind: "dropAnswer" }, 1);
            ok(await s.destroy());
            assert.deepStrictEqual(emulator.requests.filter((x) => x.method === "DELETE" && versionPath("lostpatch").test(x.path)).map((x) => x.lost), [true], "one DELETE, its answer lost");
            matchesAzure(s, "lostpatch");
        });

        it("a gateway's 504 after Azure applied the PUT, and a 500 before: read back each time; applied once", async () => {
            const s = pipeline("gateway");
            fault("PUT", versionPath("gateway"), status(504, { code: "GatewayTimeout", applied: true, retryAfterSeconds: undefined }), 1);
            fault("PUT", imagePath("gateway"), status(500, { retryAfterSeconds: undefined }), 1);
            const r = await s.up();
            ok(r);
            assert.match(said(r), /Azure did not answer the create, but has it; following it/);
            assert.match(said(r), /Azure did not answer the create and does not have it; sending it again/);
            assert.strictEqual(emulator.requests.filter((x) => x.method === "PUT" && versionPath("gateway").test(x.path)).length, 1, "the version's PUT went out once");
            assert.strictEqual(applied("PUT", imagePath("gateway")).length, 1);
            matchesAzure(s, "gateway");
        });
    });

    describe("Azure's own failures and refusals", function () {
        it("an operation that ends Failed: the error names the resource and Azure's words; the dependents' exports do not hang the run; re-run sends it again", async () => {
            const s = pipeline("failing");
            fault("PUT", imagePath("failing"), { kind: "operationFails", message: "an internal error occurred" }, 1);
            const r = await s.up();
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
            const r = await s.up();
            assert.match(String(r.error), /version: .*East US.*the region ran out of capacity/);
            matchesAzure(s, "oneregion");
            await converges(s, "oneregion");
            assert.strictEqual(applied("PUT", versionPath("oneregion")).length, 2, "the retry is Azure's way: the version sent again, once");
        });

        it("a replication outlasting timeouts.create: stops waiting with progress, recorded; the next up only waits", async () => {
            Object.assign(emulator.timing, { replicationMsPerRegion: 1500 });
            const s = pipeline("slow", { regions: JSON.stringify(["westus", "eastus"]), timeouts: JSON.stringify({ create: "1s" }) });
            const r = await s.up();
            assert.match(String(r.error), /version: .*stopped waiting after 1s \(timeouts\.create\); Azure goes on \(replicating to 2 region\(s\).*The next up waits for it without sending it again/);
            matchesAzure(s, "slow", { states: false });
            s.config["definition:timeouts"] = JSON.stringify({ create: "1m" });
            const at = emulator.requests.length;
            await converges(s, "slow");
            assert.strictEqual(applied("PUT", versionPath("slow"), at).length, 0, "waited, sent nothing");
        });

        it("409 'operation in progress' (someone else's change still running): waits for it, then updates", async () => {
            const s = pipeline("inprogress");
            ok(await s.up());
            emulator.timing.operationMs = 1500;
            // Someone's portal edit, accepted by Azure just before the up writes, still running when it does.
            emulator.onRequest = (r) => {
                if (r.method !== "GET" || !imagePath("inprogress").test(r.path)) return;
                emulator.onRequest = undefined;
                const edit = { method: "PATCH", path: armId("inprogress", "app"), query: new URLSearchParams({ "api-version": "2025-03-03" }), body: { properties: { description: "edited in the portal" } }, baseUrl: emulator.endpoint, faults: [] };
                assert.strictEqual(emulator.service.handle(edit).status, 200);
            };
            s.config["definition:description"] = "from the program";
            const at = emulator.requests.length;
            const r = await s.up();
            ok(r);
            const patches = emulator.requests.slice(at).filter((x) => x.method === "PATCH" && imagePath("inprogress").test(x.path)).map((x) => x.status);
            assert.deepStrictEqual([patches[0], patches[patches.length - 1]], [409, 200], `refused while busy, then applied: ${patches}`);
            assert.strictEqual((emulator.service.get(armId("inprogress", "app")) as { properties: { description: string } }).properties.description, "from the program");
            await converges(s, "inprogress");
        });

        it("404 ParentResourceNotFound right after the parent's create: retried briefly, then created", async () => {
            const s = pipeline("lagging");
            fault("PUT", imagePath("lagging"), status(404, { code: "ParentResourceNotFound" }), 2);
            const r = await s.up();
            ok(r);
            assert.match(said(r), /Azure does not know the parent yet; trying again/);
            matchesAzure(s, "lagging");
        });

        it("the nested-resource 409 right after the children are deleted: destroy rides it out", async () => {
            const s = pipeline("nested");
            ok(await s.up());
            emulator.faults.nestedDeleteLagMs = 1200;
            ok(await s.destroy());
            matchesAzure(s, "nested");
            assert.strictEqual(emulator.service.ids().filter((id) => /galleries\/nested/i.test(id)).length, 0);
        });
    });

    describe("the CLI killed mid-run (a CI job's timeout): the next run converges with no code edit", function () {
        /** Kills the run once Azure has answered the first request `hit` picks out. */
        const killWhen = (s: EngineDriver, hit: (r: RequestLogEntry) => boolean) => {
            emulator.onRequest = (r) => {
                if (hit(r) && r.status >= 200 && r.status < 300) {
                    emulator.onRequest = undefined;
                    s.kill();
                }
            };
        };
        const killAt = (s: EngineDriver, method: string, path: RegExp) => killWhen(s, (r) => r.method === method && path.test(r.path));

        /** The shared-gallery stack, deployed, then moved to another region: its auto-named gallery is replaced create-before-delete. */
        async function movedPartnerGallery(): Promise<{ s: EngineDriver; oldName: string }> {
            const s = stack("shared-gallery", emulator, { subscriptions: JSON.stringify(["44444444-4444-4444-4444-444444444444"]) }, { progressIntervalSeconds: 0.2 });
            const first = await s.up();
            ok(first);
            s.config["shared-gallery:location"] = "eastus";
            return { s, oldName: String(first.outputs.galleryName) };
        }

        it("during a create: the version Azure accepted is taken back by its ownership tag, not created again", async () => {
            emulator.timing.operationMs = 600;
            const s = pipeline("killedcreate");
            killAt(s, "PUT", versionPath("killedcreate"));
            const killed = await s.up();
            assert.strictEqual(killed.error, "the CLI was killed");
            assert.ok(![...s.state.keys()].some((u) => u.endsWith("::version")), "a pending create is not in the checkpoint");
            assert.deepStrictEqual(s.pendingOperations.map((p) => `${name(p.urn)} ${p.type}`), ["version creating"]);
            const tags = (emulator.service.get(armId("killedcreate", "app", "1.0.0")) as { tags: Record<string, string> }).tags;
            assert.match(tags["managed-by-pulumi"], /^urn:pulumi:dev::definition::pulumi-nodejs:dynamic\/azure-compute-gallery:GalleryImageVersion::version$/);

            const again = await converges(s, "killedcreate");
            assert.match(again.warnings.join("\n"), /1 pending operations from previous deployment.*\n.*::version, interrupted while creating/);
            assert.match(said(again), /an earlier run of this stack started creating it; taking it back/);
            assert.strictEqual(applied("PUT", versionPath("killedcreate")).length, 1, "created once");
            assert.strictEqual([...s.state.values()].find((r) => r.urn.endsWith("::version"))?.outputs.tags, undefined, "the mark is Azure's, not an output");
        });

        it("during an update: the change Azure accepted is followed, not sent again", async () => {
            const s = pipeline("killedupdate");
            ok(await s.up());
            emulator.timing.operationMs = 600;
            s.config["definition:regions"] = JSON.stringify(["westus", "eastus"]);
            killAt(s, "PATCH", versionPath("killedupdate"));
            assert.strictEqual((await s.up()).error, "the CLI was killed");
            assert.deepStrictEqual(s.pendingOperations.map((p) => `${name(p.urn)} ${p.type}`), ["version updating"]);
            await converges(s, "killedupdate");
            assert.strictEqual(applied("PATCH", versionPath("killedupdate")).length, 1, "updated once");
        });

        it("during a delete: the next destroy finishes it", async () => {
            const s = pipeline("killeddelete");
            ok(await s.up());
            emulator.timing.operationMs = 600;
            killAt(s, "DELETE", versionPath("killeddelete"));
            assert.strictEqual((await s.destroy()).error, "the CLI was killed");
            assert.ok([...s.state.keys()].some((u) => u.endsWith("::version")), "a pending delete keeps the resource in the checkpoint");
            ok(await s.destroy());
            assert.deepStrictEqual([...s.state.keys()], []);
            matchesAzure(s, "killeddelete");
        });

        it("during a delete-before-replace replacement, between the delete and the create", async () => {
            const s = pipeline("killedreplace");
            ok(await s.up());
            s.config["definition:sourceId"] = managedImage("app-rebuilt");
            killAt(s, "DELETE", versionPath("killedreplace"));
            assert.strictEqual((await s.up()).error, "the CLI was killed");
            const again = await converges(s, "killedreplace");
            assert.deepStrictEqual(plan(again).filter((p) => p.endsWith("version")), ["delete version", "replace version"], "the delete finds it gone, then the create");
            assert.match(JSON.stringify(emulator.service.get(armId("killedreplace", "app", "1.0.0"))), /app-rebuilt/);
        });

        it("during a create-before-delete replacement (an auto-named gallery): the stack converges; the gallery made before the kill is left, marked with the stack resource", async () => {
            const { s, oldName } = await movedPartnerGallery();
            const newGallery = (r: RequestLogEntry) => /\/galleries\/([^/]+)$/i.exec(r.path)?.[1];
            killWhen(s, (r) => r.method === "PUT" && newGallery(r) !== undefined && newGallery(r) !== oldName);
            const killed = await s.up();
            assert.strictEqual(killed.error, "the CLI was killed");
            const orphan = String(emulator.requests.filter((r) => r.method === "PUT" && newGallery(r) && newGallery(r) !== oldName).map(newGallery).pop());
            const again = await s.up();
            ok(again);
            const newName = String(again.outputs.galleryName);
            assert.ok(![oldName, orphan].includes(newName));
            assert.deepStrictEqual(plan(await s.preview()).filter((p) => !p.startsWith("same ")), []);
            // What Pulumi does for any provider: the killed create is not in the checkpoint. The
            // ownership tag says whose it is, so it can be found and deleted.
            const left = emulator.service.get(`/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${orphan}`) as { tags: Record<string, string> };
            assert.match(left.tags["managed-by-pulumi"], /::partner-images$/);
            ok(await s.destroy());
        });

        it("while deleting the old half of a create-before-delete replacement: the next run finishes the delete", async () => {
            const { s, oldName } = await movedPartnerGallery();
            killAt(s, "DELETE", new RegExp(`/galleries/${oldName}`, "i"));
            assert.strictEqual((await s.up()).error, "the CLI was killed");
            assert.ok(s.condemned.length > 0, "the checkpoint still holds the old half, to be deleted");
            ok(await s.up());
            assert.deepStrictEqual(s.condemned, []);
            assert.deepStrictEqual(emulator.service.ids().filter((id) => id.includes(`/galleries/${oldName}`)), [], "the old gallery and its image are gone");
            ok(await s.destroy());
        });
    });

    it("a 40-version stack with random faults on 10% of requests finishes on its first run, each write applied once", async function () {
        this.timeout(300_000);
        emulator.timing.operationMs = 100;
        let seed = 42;
        emulator.faults.random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const actions: FaultAction[] = [status(429), status(503), { kind: "drop" }, { kind: "dropAnswer" }];
        for (const action of actions) emulator.faults.add({ path: /\/(galleries|capsoperations)\//i, action, chance: 0.025 });
        const s = stack("bench/scale", emulator, { galleryName: "noisy", definitions: "2", versions: "20", regions: JSON.stringify(["westus", "eastus"]), sourceId: managedImage("app") }, { progressIntervalSeconds: 0.2 });
        const at = emulator.requests.length;
        const r = await s.up();
        ok(r);
        emulator.faults.random = Math.random;
        const faulted = emulator.requests.slice(at).filter((x) => x.status === 0 || x.status >= 400 || x.lost).length;
        assert.ok(faulted >= 10, `faults were met (${faulted})`);
        assert.strictEqual(s.state.size, 43);
        matchesAzure(s, "noisy");
        const puts = new Map<string, number>();
        for (const w of applied("PUT", /\/galleries\//i, at)) puts.set(w.path.toLowerCase(), (puts.get(w.path.toLowerCase()) ?? 0) + 1);
        assert.deepStrictEqual([...puts.values()].filter((n) => n !== 1), [], "no resource was written twice");
        await converges(s, "noisy");
    });
});
