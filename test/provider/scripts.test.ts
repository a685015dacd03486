/**
 * Gallery scripts through the provider against the emulator (the real SDK, ARM's re-cased echoes,
 * asynchronous answers): a script definition, its inputs nested under `properties` as the SDK model
 * has them; what changes in place (description, EULA, end of life, tags: one PATCH); what replaces it
 * (its OS); the delete. After each, the next preview of the same program is quiet.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { RESOURCE_GROUP, SUBSCRIPTION, emulatorForProvider } from "../support/emulator";
import { galleryInputs, scriptInputs } from "./inputs";
import { Resource } from "./resource";

const GALLERY = "scripts";

const scriptId = (script: string, version?: string) =>
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}/scripts/${script}${version ? `/versions/${version}` : ""}`;

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
        assert.strictEqual(String(script.outputs.id).toLowerCase(), scriptId("bootstrap").toLowerCase(), "ARM re-cases ids in its answers");
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
        await providers.galleryScript.delete!(String(script.outputs.id), script.outputs);
        const fresh = (await providers.galleryScript.check!({}, windows)).inputs;
        script.outputs = (await providers.galleryScript.create(fresh)).outs;
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

    it("deletes the script, and a read afterwards drops it", async () => {
        const s = (await providers.galleryScript.create((await providers.galleryScript.check!({}, scriptInputs({ ...at, galleryScriptName: "temporary" }))).inputs)).outs;
        await providers.galleryScript.delete!(String(s.id), s);
        assert.strictEqual(held("temporary"), undefined);
        assert.deepStrictEqual(await providers.galleryScript.read!(String(s.id), s), {}, "a read of the deleted script drops it");
    });
});
