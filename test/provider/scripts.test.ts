/**
 * Gallery scripts through the provider against the emulator (the real SDK, ARM's re-cased echoes,
 * asynchronous answers): a script definition, its inputs nested under `properties` as the SDK model
 * has them; what changes in place (description, EULA, end of life, tags: one PATCH); what replaces it
 * (its OS); the delete. After each, the next preview of the same program is quiet.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { diff, withUnreportedParts } from "../../provider/schema/engine";
import { KINDS } from "../../provider/schema/kinds";
import { Inputs } from "../../provider/schema/types";
import { RESOURCE_GROUP, SUBSCRIPTION, emulatorForProvider } from "../support/emulator";
import { SCRIPT_LINK, galleryInputs, scriptInputs, scriptVersionInputs } from "./inputs";
import { Resource } from "./resource";

const GALLERY = "scripts";

const scriptId = (script: string, version?: string) =>
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}/scripts/${script}${version ? `/versions/${version}` : ""}`;

/** What the emulator holds of a script version, as far as these tests read it. */
interface HeldVersion {
    properties: {
        provisioningState?: string;
        publishingProfile: { source: { scriptLink: string }; excludeFromLatest?: boolean; targetRegions: { name: string; regionalReplicaCount?: number }[] };
    };
}

/** The same link with another SAS token (a renewed signature). */
const renewed = SCRIPT_LINK.replace(/sig=[^&]+/, "sig=UmVuZXdlZC1zaWduYXR1cmUtZm9yLXRlc3RzLW9ubHk%3D");

/** What the emulator holds of a script, as far as these tests read it. */
interface HeldScript {
    properties: { description?: string; eula?: string; endOfLifeDate?: string; supportedOSType: string };
    tags?: Record<string, string>;
}

describe("gallery scripts against the emulator: create, update in place, replace, delete", function () {
    const emulator = emulatorForProvider({ echo: "recased", replicationMsPerRegion: 60 }, { AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.1" });
    const held = (script: string) => emulator().service.get(scriptId(script)) as unknown as HeldScript | undefined;
    const at = { galleryName: GALLERY };

    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: GALLERY }));
    });

    it("a script: created, its description, EULA, end of life and tags changed in place with one PATCH, quiet after each", async () => {
        const script = new Resource("galleryScript");
        const program = (properties: Inputs = {}, x: Inputs = {}) => scriptInputs({ ...at, galleryScriptName: "bootstrap", ...x }, { description: "first boot", ...properties });
        await script.up(program());
        assert.strictEqual(String(script.id).toLowerCase(), scriptId("bootstrap").toLowerCase(), "ARM re-cases ids in its answers");
        assert.strictEqual(held("bootstrap")?.properties.supportedOSType, "Linux");
        await script.settled(program());

        const changed = { description: "first boot v2", eula: "EULA 2", endOfLifeDate: "2099-06-30T00:00:00Z" };
        const mark = emulator().requests.length;
        const d = await script.up(program(changed, { tags: { team: "platform" } }));
        assert.deepStrictEqual([d?.changes, d?.replaces], [true, []]);
        assert.deepStrictEqual(emulator().writes(mark).map((w) => w.method), ["PATCH"]);
        await script.settled(program(changed, { tags: { team: "platform" } }));
        const h = held("bootstrap")!;
        assert.strictEqual(h.properties.description, "first boot v2");
        assert.strictEqual(h.properties.eula, "EULA 2");
        assert.strictEqual(new Date(String(h.properties.endOfLifeDate)).toISOString(), "2099-06-30T00:00:00.000Z");
        assert.strictEqual(h.tags?.team, "platform");
        assert.strictEqual(h.properties.supportedOSType, "Linux", "the PATCH keeps what it did not change");
    });

    it("another OS replaces the script; the next preview is quiet", async () => {
        const script = new Resource("galleryScript");
        const linux = scriptInputs({ ...at, galleryScriptName: "cleanup" });
        await script.up(linux);
        const windows = scriptInputs({ ...at, galleryScriptName: "cleanup" }, { supportedOSType: "Windows" });
        const { diff } = await script.preview(windows);
        assert.deepStrictEqual([diff?.replaces, diff?.deleteBeforeReplace], [["properties"], true]);
        await providers.galleryScript.delete!(String(script.id), script.outputs);
        const fresh = (await providers.galleryScript.check!({}, windows)).inputs;
        ({ id: script.id, outs: script.outputs } = await providers.galleryScript.create(fresh));
        script.inputs = fresh;
        await script.settled(windows);
        assert.strictEqual(held("cleanup")?.properties.supportedOSType, "Windows");
    });

    it("names outside the spec's pattern are refused at preview, naming the field", async () => {
        for (const name of ["_lead", "trail_", "two__underscores", "has-dash"]) {
            const { failures } = await providers.galleryScript.check!({}, scriptInputs({ ...at, galleryScriptName: name }));
            assert.ok((failures ?? []).some((f) => f.property === "galleryScriptName"), `${name}: ${JSON.stringify(failures)}`);
        }
        const { failures } = await providers.galleryScript.check!({}, scriptInputs({ ...at, galleryScriptName: "set_up_2" }));
        assert.deepStrictEqual(failures ?? [], []);
    });

    it("a version in two regions: created and replicated, then a replica count, excludeFromLatest and the SAS token change in place with one PATCH each", async () => {
        await providers.galleryScript.create((await providers.galleryScript.check!({}, scriptInputs({ ...at, galleryScriptName: "runner" }))).inputs);
        const version = new Resource("galleryScriptVersion");
        const program = (publishing: Inputs = {}, regions: Inputs[] = [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 2 }]) =>
            scriptVersionInputs({ ...at, galleryScriptName: "runner" }, { targetRegions: regions, ...publishing });
        await version.up(program());
        const properties = version.outputs.properties as { provisioningState?: string; publishingProfile: { publishedDate?: string } };
        assert.strictEqual(properties.provisioningState, "Succeeded");
        assert.ok(typeof version.outputs.publishedDate === "string");
        await version.settled(program());

        const steps: [string, Inputs, Inputs[]?][] = [
            ["a region's replica count", {}, [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 3 }]],
            ["excludeFromLatest", { excludeFromLatest: true }],
            ["the SAS token of the script link", { excludeFromLatest: true, source: { scriptLink: renewed } }],
        ];
        for (const [what, publishing, regions] of steps) {
            const p = program(publishing, regions ?? [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 3 }]);
            const mark = emulator().requests.length;
            const d = await version.up(p);
            assert.deepStrictEqual([d?.changes, d?.replaces], [true, []], what);
            assert.deepStrictEqual(emulator().writes(mark).map((w) => w.method), ["PATCH"], `${what}: one PATCH`);
            await version.settled(p);
        }
        const pub = (emulator().service.get(scriptId("runner", "1.0.0")) as unknown as HeldVersion).properties.publishingProfile;
        assert.deepStrictEqual(pub.targetRegions.map((r) => [r.name, r.regionalReplicaCount]), [["West US", 1], ["East US", 3]]);
        assert.strictEqual(pub.excludeFromLatest, true);
    });

    it("another script blob replaces the version; the next preview is quiet; the version and its script delete", async () => {
        const { id: moverId, outs: script } = await providers.galleryScript.create((await providers.galleryScript.check!({}, scriptInputs({ ...at, galleryScriptName: "mover" }))).inputs);
        const names = { ...at, galleryScriptName: "mover" };
        const version = new Resource("galleryScriptVersion");
        await version.up(scriptVersionInputs(names));
        const moved = scriptVersionInputs(names, { source: { scriptLink: SCRIPT_LINK.replace("setup.sh", "setup-2.sh") } });
        const { diff } = await version.preview(moved);
        assert.deepStrictEqual([diff?.replaces, diff?.deleteBeforeReplace], [["properties"], true]);
        await providers.galleryScriptVersion.delete!(String(version.id), version.outputs);
        const fresh = (await providers.galleryScriptVersion.check!({}, moved)).inputs;
        ({ id: version.id, outs: version.outputs } = await providers.galleryScriptVersion.create(fresh));
        version.inputs = fresh;
        await version.settled(moved);
        const held = emulator().service.get(scriptId("mover", "1.0.0")) as unknown as HeldVersion;
        assert.match(held.properties.publishingProfile.source.scriptLink, /setup-2\.sh/);

        await providers.galleryScriptVersion.delete!(String(version.id), version.outputs);
        await providers.galleryScript.delete!(moverId, script);
        assert.strictEqual(emulator().service.get(scriptId("mover", "1.0.0")), undefined);
        assert.strictEqual(emulator().service.get(scriptId("mover")), undefined);
    });

    it("a replication that fails in one region names it; the version stays in state, the preview shows the retry, and the retry settles it", async () => {
        await providers.galleryScript.create((await providers.galleryScript.check!({}, scriptInputs({ ...at, galleryScriptName: "shipper" }))).inputs);
        const program = scriptVersionInputs({ ...at, galleryScriptName: "shipper" }, { targetRegions: [{ name: "westus" }, { name: "eastus" }] });
        emulator().faults.add({ method: "PUT", path: "/scripts/shipper/versions/", action: { kind: "replicationFails", region: "eastus", message: "the script could not be copied" }, times: 1 });
        const checked = (await providers.galleryScriptVersion.check!({}, program)).inputs;
        const err = await providers.galleryScriptVersion.create(checked).then(
            () => assert.fail("the create should fail"),
            (e: Error & { id?: string; properties?: Inputs }) => e,
        );
        assert.match(err.message, /East US.*the script could not be copied/);
        assert.strictEqual(err.id?.toLowerCase(), scriptId("shipper", "1.0.0").toLowerCase(), "the error carries the id, so Pulumi records the version");
        assert.strictEqual((err.properties?.properties as Inputs | undefined)?.provisioningState, "Failed");

        const version = new Resource("galleryScriptVersion");
        version.id = err.id;
        version.inputs = checked;
        version.outputs = err.properties!;
        const { diff } = await version.preview(program);
        assert.deepStrictEqual([diff?.changes, diff?.replaces], [true, []], "the failed region is retried by an update");
        await version.up(program);
        assert.strictEqual((version.outputs.properties as Inputs).provisioningState, "Succeeded");
        await version.settled(program);
    });

    it("deletes the script, and a read afterwards drops it", async () => {
        const { id, outs: s } = await providers.galleryScript.create((await providers.galleryScript.check!({}, scriptInputs({ ...at, galleryScriptName: "temporary" }))).inputs);
        await providers.galleryScript.delete!(id, s);
        assert.strictEqual(held("temporary"), undefined);
        assert.deepStrictEqual(await providers.galleryScript.read!(id, s), {}, "a read of the deleted script drops it");
    });
});

describe("script versions at preview: the script link's parts, and Azure's answer without its SAS query", function () {
    const spec = KINDS.galleryScriptVersion;
    const link = (url: string) => scriptVersionInputs({}, { source: { scriptLink: url } });

    it("a new SAS token is an update; another account, container or blob replaces the version", () => {
        const cost = (url: string) => diff(spec, link(SCRIPT_LINK), link(url)).map((c) => [c.path, c.onChange]);
        assert.deepStrictEqual(cost(renewed), [["properties.publishingProfile.source.scriptLink", "update"]]);
        assert.deepStrictEqual(cost(SCRIPT_LINK), []);
        for (const other of [SCRIPT_LINK.replace("contososcripts", "fabrikamscripts"), SCRIPT_LINK.replace("/scripts/", "/archive/"), SCRIPT_LINK.replace("setup.sh", "Setup.sh")]) {
            assert.deepStrictEqual(cost(other), [["properties.publishingProfile.source.scriptLink", "replace"]], other);
        }
    });

    it("an answer with the link without its query is recorded as the program's link: the next preview is quiet, and a renewed token still an update", () => {
        const answer = link(SCRIPT_LINK.split("?")[0]);
        const recorded = withUnreportedParts(spec, link(SCRIPT_LINK), JSON.parse(JSON.stringify(answer)));
        assert.deepStrictEqual(diff(spec, recorded, link(SCRIPT_LINK)), []);
        assert.deepStrictEqual(diff(spec, recorded, link(renewed)).map((c) => c.onChange), ["update"]);
        // Another blob is not the program's link: Azure's answer stands.
        const other = withUnreportedParts(spec, link(SCRIPT_LINK.replace("setup.sh", "other.sh")), JSON.parse(JSON.stringify(answer)));
        assert.deepStrictEqual(other, answer);
    });
});
