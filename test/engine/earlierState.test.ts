/**
 * A stack whose checkpoint an earlier version of the package wrote: every resource's `__provider`
 * (inputs and outputs) in the form 0.1.0 serialized, one function a method calling the runtime's
 * `providers[kind]` and `configure`. No migration: the real host loads that text as it is, and what
 * it calls still answers; the next up records the current form where the engine takes new inputs.
 */
import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { ArmEmulator } from "../../emulator/server";
import { armId, startTestEmulator } from "../support/emulator";
import { managedImage, stack } from "./stacks";
import { ok, plan, writesIn } from "./runs";

/** `__provider` as 0.1.0 wrote it, by kind, taken from its state. */
const EARLIER = JSON.parse(readFileSync(path.resolve(__dirname, "../../../test/data/provider-0.1.0.json"), "utf8")) as Record<string, string>;

/** The kind's key in the package (`galleryImage`) from the resource's type token. */
const kindOf = (type: string) => {
    const name = type.split(":").pop()!;
    return name[0].toLowerCase() + name.slice(1);
};

describe("engine: a checkpoint written with the earlier `__provider` form", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator.stop());

    it("previews with no change and no request, updates in place, refreshes and destroys through the earlier text; the up records the current form", async () => {
        const s = stack("fixtures/definition", emulator, { galleryName: "earlier", osState: "Generalized", sourceId: managedImage("app") });
        ok(await s.up());
        const current = new Map([...s.state.values()].map((r) => [r.urn, String(r.inputs.__provider)]));
        // The checkpoint as 0.1.0 left it.
        for (const r of s.state.values()) {
            const text = EARLIER[kindOf(r.type)];
            assert.ok(text && text !== r.inputs.__provider, r.type);
            r.inputs.__provider = text;
            r.outputs.__provider = text;
        }

        let at = emulator.requests.length;
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(plan(preview), ["same gallery", "same image", "same version"]);
        assert.strictEqual(emulator.requests.length - at, 0, "preview made no request");

        s.config["definition:description"] = "rebuilt";
        at = emulator.requests.length;
        const up = await s.up();
        ok(up);
        assert.deepStrictEqual(plan(up), ["same gallery", "update image", "same version"]);
        assert.deepStrictEqual(writesIn(emulator, at), ["PATCH earlier/images/app"]);
        const [gallery, image, version] = [...s.state.values()];
        // The engine records the inputs it checked (the program's current form), and an update's outputs;
        // a resource left as it was keeps its recorded outputs, earlier form included.
        for (const r of [gallery, image, version]) assert.strictEqual(r.inputs.__provider, current.get(r.urn), `${r.urn} inputs`);
        assert.strictEqual(image.outputs.__provider, current.get(image.urn), "the updated image's outputs");
        assert.strictEqual(version.outputs.__provider, EARLIER.galleryImageVersion, "the version's outputs are as they were");
        assert.strictEqual(image.outputs.description, "rebuilt");

        // Refresh and delete are called with the recorded outputs: the version's, in the earlier form.
        const refreshed = await s.refresh();
        ok(refreshed);
        assert.deepStrictEqual(plan(refreshed).sort(), ["same gallery", "same image", "same version"]);
        assert.strictEqual(version.outputs.__provider, EARLIER.galleryImageVersion);
        ok(await s.destroy());
        for (const id of [armId("earlier", "app", "1.0.0"), armId("earlier", "app"), armId("earlier")]) assert.strictEqual(emulator.service.get(id), undefined, `${id} deleted`);
    });
});
