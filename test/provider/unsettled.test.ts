/**
 * Never a silent "no change" while Azure holds a resource Failed or is still working on it: preview
 * shows an update with the reason as a warning, and the update retries or waits. The emulator
 * (Azure's long-running operations and region-by-region replication) is the judge.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { ArmEmulator } from "../../emulator/server";
import { FAST_POLL, RESOURCE_GROUP, armId, emulatorForProvider, sdkClient } from "../support/emulator";
import { galleryInputs, imageInputs, versionInputs } from "./inputs";
import { Resource } from "./resource";

/** An emulator for the enclosing suite, with a gallery and a definition the versions go in. */
function emulatorWithDefinition(at: { galleryName: string; galleryImageName: string }, replicationMsPerRegion: number): () => ArmEmulator {
    const azure = emulatorForProvider({ replicationMsPerRegion }, FAST_PROGRESS);
    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: at.galleryName }));
        await providers.galleryImage.create(imageInputs({ ...at, identifier: { publisher: "contoso", offer: at.galleryName, sku: at.galleryImageName } }));
    });
    return azure;
}

const FAST_PROGRESS = { AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.2" };

describe("resources Azure has not settled are a difference at preview", function () {
    const at = { galleryName: "unsettled", galleryImageName: "base" };
    const azure = emulatorWithDefinition(at, 2000);

    const twoRegions = (name: string, x: Inputs = {}) => versionInputs({ ...at, galleryImageVersionName: name, ...x }, { targetRegions: [{ name: "westus" }, { name: "eastus" }] });

    it("a replication still running is an update that only waits for it, when the program waits", async () => {
        const version = new Resource("galleryImageVersion");
        await version.up(twoRegions("1.0.0", { waitForReplication: false }));
        assert.strictEqual((version.outputs.replicationStatus as { aggregatedState: string }).aggregatedState, "InProgress");

        const { diff, said } = await version.preview(twoRegions("1.0.0"));
        assert.deepStrictEqual([diff?.changes, diff?.replaces], [true, []]);
        assert.match(said.join("\n"), /still replicating this version; the update waits/);
        const mark = azure().requests.length;
        await version.up(twoRegions("1.0.0"));
        assert.deepStrictEqual(azure().writes(mark), [], "nothing sent: only waited");
        assert.strictEqual((version.outputs.replicationStatus as { aggregatedState: string }).aggregatedState, "Completed");
        await version.settled(twoRegions("1.0.0"));
    });

    it("a replication still running is no change when the program does not wait", async () => {
        const version = new Resource("galleryImageVersion");
        await version.up(twoRegions("1.0.1", { waitForReplication: false }));
        await version.settled(twoRegions("1.0.1", { waitForReplication: false }));
    });

    it("a definition Azure left Failed is an update that sends it again", async () => {
        const image = new Resource("galleryImage");
        const program = imageInputs({ ...at, galleryImageName: "failing", identifier: { publisher: "contoso", offer: "unsettled", sku: "failing" } });
        azure().faults.add({ method: "PUT", path: /\/images\/failing$/, action: { kind: "operationFails", message: "an internal error" }, times: 1 });
        const { inputs } = await image.preview(program);
        const error = (await providers.galleryImage.create(inputs).then(() => undefined, (e: unknown) => e)) as { id?: string; properties?: Inputs } | undefined;
        assert.strictEqual(error?.properties?.provisioningState, "Failed", "recorded with Azure's state, as the engine records a failed create");
        Object.assign(image, { id: error.id, inputs, outputs: error.properties });

        const { diff, said } = await image.preview(program);
        assert.deepStrictEqual([diff?.changes, diff?.replaces], [true, []]);
        assert.match(said.join("\n"), /Azure reports it Failed; the update sends it again/);
        const mark = azure().requests.length;
        await image.up(program);
        assert.deepStrictEqual(azure().writes(mark).map((w) => w.method), ["PUT"]);
        assert.strictEqual((azure().service.get(armId(at.galleryName, "failing")) as { properties: { provisioningState: string } }).properties.provisioningState, "Succeeded");
        await image.settled(program);
    });
});

describe("timeouts bound every wait; the next up resumes without sending again", function () {
    const at = { galleryName: "bounded", galleryImageName: "base" };
    const azure = emulatorWithDefinition(at, 4000);

    it("a create that outlasts timeouts.create is kept in state with its progress; the next up only waits", async () => {
        const version = new Resource("galleryImageVersion");
        const program = versionInputs({ ...at, galleryImageVersionName: "2.0.0", timeouts: { create: "1s" } }, { targetRegions: [{ name: "westus" }, { name: "eastus" }, { name: "northeurope" }] });
        const { inputs } = await version.preview(program);
        const started = Date.now();
        const error = (await providers.galleryImageVersion.create(inputs).then(() => undefined, (e: unknown) => e)) as (Error & { id?: string; properties?: Inputs }) | undefined;
        assert.ok(Date.now() - started < 8000, "stopped at the limit, not when replication ended (3 regions x 4 s)");
        assert.match(String(error?.message), /stopped waiting after 1s \(timeouts\.create\); Azure goes on \(replicating to 3 region\(s\): .*%.*\)\. The next up waits for it without sending it again/);
        assert.match(String(error?.id), /\/versions\/2\.0\.0$/, "recorded with its id, as the engine records a resource that failed to initialise");
        Object.assign(version, { id: error?.id, inputs, outputs: error?.properties });

        const { diff } = await version.preview(program);
        assert.deepStrictEqual([diff?.changes, diff?.replaces], [true, []]);
        const mark = azure().requests.length;
        await version.up({ ...program, timeouts: { update: "60s" } });
        assert.deepStrictEqual(azure().writes(mark), [], "nothing sent again");
        assert.strictEqual((version.outputs.replicationStatus as { aggregatedState: string }).aggregatedState, "Completed");
        await version.settled({ ...program, timeouts: { update: "60s" } });
    });

    it("changing only timeouts is an update that sends nothing to Azure, and reaches the state a delete reads", async () => {
        const image = new Resource("galleryImage");
        const program = imageInputs({ ...at, galleryImageName: "timed", identifier: { publisher: "contoso", offer: "bounded", sku: "timed" } });
        await image.up(program);
        const mark = azure().requests.length;
        const d = await image.up({ ...program, timeouts: { update: "2h", delete: "10m" } });
        assert.deepStrictEqual([d?.changes, d?.replaces], [true, []]);
        assert.deepStrictEqual(azure().writes(mark), []);
        assert.deepStrictEqual(image.outputs.timeouts, { update: "2h", delete: "10m" });
        await image.settled({ ...program, timeouts: { update: "2h", delete: "10m" } });
    });
});

describe("a write that meets an operation Azure is still running waits for it, then proceeds", function () {
    const azure = emulatorForProvider({ operationMs: 1500 }, FAST_PROGRESS);
    before(() => providers.gallery.create(galleryInputs({ galleryName: "busy" })));

    /** Someone else's change, accepted by Azure and still running. */
    async function portalEdit(image: string): Promise<void> {
        await sdkClient(azure()).galleryImages.update(RESOURCE_GROUP, "busy", image, { description: "edited in the portal" }, FAST_POLL).submitted();
    }

    const definition = (name: string) => imageInputs({ galleryName: "busy", galleryImageName: name, identifier: { publisher: "contoso", offer: "busy", sku: name } });
    const statuses = (method: string, since: number) => azure().requests.slice(since).filter((r) => r.method === method && r.path.endsWith("/images/" + r.path.split("/").pop())).map((r) => r.status);

    it("an update", async () => {
        const image = new Resource("galleryImage");
        await image.up(definition("update"));
        await portalEdit("update");
        const mark = azure().requests.length;
        await image.up({ ...definition("update"), description: "from the program" });
        const patches = statuses("PATCH", mark);
        assert.ok(patches.length >= 2 && patches.slice(0, -1).every((x) => x === 409) && patches[patches.length - 1] === 200, `refused while Azure was busy, then sent again: ${patches}`);
        assert.strictEqual((azure().service.get(armId("busy", "update")) as { properties: { description: string } }).properties.description, "from the program");
    });

    it("but another refusal while Azure is busy is final at once", async () => {
        const image = new Resource("galleryImage");
        await image.up(definition("refused"));
        await portalEdit("refused");
        azure().faults.add({ method: "PATCH", path: /\/images\/refused$/, action: { kind: "status", status: 409, code: "PropertyChangeNotAllowed" }, times: 5 });
        const mark = azure().requests.length;
        await assert.rejects(image.up({ ...definition("refused"), description: "from the program" }), /PropertyChangeNotAllowed/);
        assert.deepStrictEqual(statuses("PATCH", mark), [409], "sent once");
    });

    it("a delete", async () => {
        const image = new Resource("galleryImage");
        await image.up(definition("delete"));
        await portalEdit("delete");
        const mark = azure().requests.length;
        await providers.galleryImage.delete!(String(image.id), image.outputs);
        const deletes = statuses("DELETE", mark);
        assert.ok(deletes[0] === 409 && deletes.length >= 2 && deletes[deletes.length - 1] < 300, `refused while Azure was busy, then sent again: ${deletes}`);
        assert.strictEqual(azure().service.get(armId("busy", "delete")), undefined, "the delete waited for its own operation");
    });
});

describe("a parent Azure does not know yet, right after its create", function () {
    const azure = emulatorForProvider();
    before(() => providers.gallery.create(galleryInputs({ galleryName: "lagging" })));

    const definition = (name: string, x: Inputs = {}) => imageInputs({ galleryName: "lagging", galleryImageName: name, identifier: { publisher: "contoso", offer: "lagging", sku: name }, ...x });

    it("is waited for briefly, and the create goes through", async () => {
        azure().faults.add({ method: "PUT", path: /\/images\/late$/, action: { kind: "status", status: 404, code: "ParentResourceNotFound" }, times: 2 });
        const mark = azure().requests.length;
        await providers.galleryImage.create((await providers.galleryImage.check!({}, definition("late"))).inputs);
        assert.deepStrictEqual(azure().requests.slice(mark).filter((r) => r.method === "PUT").map((r) => r.status), [404, 404, 201]);
    });

    it("is final once the wait is over: a parent that does not exist fails the create, naming Azure's code", async () => {
        const { inputs } = await providers.galleryImage.check!({}, definition("orphan", { galleryName: "nosuchgallery", timeouts: { create: "2s" } }));
        await assert.rejects(providers.galleryImage.create(inputs), /Azure refused to create GalleryImage "golden-images\/nosuchgallery\/orphan": ParentResourceNotFound/);
    });
});

describe("sustained throttling", function () {
    const azure = emulatorForProvider();
    before(() => providers.gallery.create(galleryInputs({ galleryName: "throttled" })));
    const definition = (name: string) => imageInputs({ galleryName: "throttled", galleryImageName: name, identifier: { publisher: "contoso", offer: "throttled", sku: name } });
    const throttle = (name: string, times: number) =>
        azure().faults.add({ method: "PUT", path: new RegExp(`/images/${name}$`), action: { kind: "status", status: 429, retryAfterSeconds: 0 }, times });

    it("is ridden out beyond the SDK's default of 3 retries, each after Azure's Retry-After, the write applied once", async () => {
        throttle("patient", 6);
        const mark = azure().requests.length;
        await providers.galleryImage.create((await providers.galleryImage.check!({}, definition("patient"))).inputs);
        assert.deepStrictEqual(azure().requests.slice(mark).filter((r) => r.method === "PUT").map((r) => r.status), [429, 429, 429, 429, 429, 429, 201]);
    });

    it("ends within the resource's timeouts however long Azure's Retry-After", async () => {
        azure().faults.add({ method: "PUT", path: /\/images\/hurried$/, action: { kind: "status", status: 429, retryAfterSeconds: 30 } });
        const started = Date.now();
        const inputs = (await providers.galleryImage.check!({}, { ...definition("hurried"), timeouts: { create: "2s" } })).inputs;
        await assert.rejects(providers.galleryImage.create(inputs), /GalleryImage "golden-images\/throttled\/hurried": stopped sending the create after 2s \(timeouts\.create\): Azure had not taken it by then/);
        assert.ok(Date.now() - started < 10_000, "bounded by timeouts.create, not by 10 Retry-Afters of 30 s");
        azure().faults.clear();
    });

    it("ends within the configured budget, naming Azure's answer", async () => {
        throttle("impatient", 6);
        process.env.AZURE_GALLERY_MAX_RETRIES = "2";
        try {
            await assert.rejects(providers.galleryImage.create((await providers.galleryImage.check!({}, definition("impatient"))).inputs), /Azure kept throttling the request to create GalleryImage "golden-images\/throttled\/impatient" \(still 429 .*TooManyRequests/);
        } finally {
            delete process.env.AZURE_GALLERY_MAX_RETRIES;
        }
    });
});
