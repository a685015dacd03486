/** Replacements that take dependents along, and a replication that fails and is retried, through the real dynamic-provider host. */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { armId, startTestEmulator } from "../support/emulator";
import { ok, plan, writesIn } from "./runs";
import { managedImage, stack } from "./stacks";

describe("engine scenarios: replacements that take dependents along", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator.stop());

    it("an osState change replaces the definition and its versions: dependents deleted first, then re-created", async () => {
        const s = stack("fixtures/definition", emulator, { galleryName: "apps", osState: "Generalized", sourceId: managedImage("app") });
        ok(await s.up());
        s.config["definition:osState"] = "Specialized";
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(plan(preview), ["same gallery", "replace image", "replace version"]);
        const at = emulator.requests.length;
        const r = await s.up({ skipPreview: true });
        ok(r);
        assert.deepStrictEqual(
            writesIn(emulator, at),
            ["DELETE apps/images/app/versions/1.0.0", "DELETE apps/images/app", "PUT apps/images/app", "PUT apps/images/app/versions/1.0.0"],
        );
        assert.strictEqual((emulator.service.get(armId("apps", "app")) as { properties: { osState: string } }).properties.osState, "Specialized");
        ok(await s.destroy());
    });

    it("a replication that fails fails the up, naming the region; the version is kept in state and the next up retries it", async () => {
        const s = stack("fixtures/definition", emulator, { galleryName: "retry", osState: "Generalized", sourceId: managedImage("app") });
        emulator.faults.add({ method: "PUT", path: "/retry/images/app/versions/", action: { kind: "replicationFails", region: "westus", message: "the source image is being deleted" }, times: 1 });
        const failed = await s.up();
        assert.match(String(failed.error), /version: .*West US.*the source image is being deleted/);
        const recorded = [...s.state.values()].find((r) => r.urn.endsWith("::version"));
        assert.strictEqual(recorded?.outputs.provisioningState, "Failed", "the engine keeps what Azure has");
        assert.ok(recorded?.initErrors?.length);

        // `pulumi up --refresh` clears the engine's failed-to-initialise mark; the failure must not go silent.
        ok(await s.refresh());
        assert.strictEqual(recorded?.initErrors, undefined);
        const preview = await s.preview();
        ok(preview);
        assert.deepStrictEqual(plan(preview), ["same gallery", "same image", "update version"], "still a difference at preview");
        assert.match(preview.logs.map((l) => `${l.severity}: ${l.message}`).join("\n"), /warning: .*replication failed in West US \(the source image is being deleted\); the update sends the version again/);

        const at = emulator.requests.length;
        const retried = await s.up({ skipPreview: true });
        ok(retried);
        assert.deepStrictEqual(plan(retried), ["same gallery", "same image", "update version"]);
        assert.deepStrictEqual(writesIn(emulator, at), ["PUT retry/images/app/versions/1.0.0"], "re-sent whole, the way Azure retries it");
        assert.strictEqual((emulator.service.get(armId("retry", "app", "1.0.0")) as { properties: { provisioningState: string } }).properties.provisioningState, "Succeeded");
        assert.deepStrictEqual(plan(await s.preview()), ["same gallery", "same image", "same version"], "settled: quiet again");
        ok(await s.destroy());
    });

    it("an auto-named gallery is replaced create-before-delete; the old resources go at the end, dependents first", async () => {
        const partner = "44444444-4444-4444-4444-444444444444";
        const s = stack("shared-gallery", emulator, { subscriptions: JSON.stringify([partner]) });
        const first = await s.up();
        ok(first);
        const oldName = String(first.outputs.galleryName);
        assert.match(oldName, /^partner_images_[a-z0-9]{7}$/, "auto-named within the gallery name rules");

        // Sharing with one more tenant is an in-place change through /share.
        s.config["shared-gallery:tenants"] = JSON.stringify(["55555555-5555-5555-5555-555555555555"]);
        let at = emulator.requests.length;
        const shared = await s.up();
        ok(shared);
        assert.deepStrictEqual(plan(shared), ["update partner-images", "same partner-ubuntu"]);
        assert.deepStrictEqual(emulator.writes(at).map((w) => `${w.method} ${w.path.split("/").pop()}`), ["POST share"]);

        s.config["shared-gallery:location"] = "eastus";
        at = emulator.requests.length;
        const r = await s.up();
        ok(r);
        const newName = String(r.outputs.galleryName);
        assert.notStrictEqual(newName, oldName);
        const w = emulator.writes(at).map((x) => `${x.method} ${x.path.replace(/.*\/galleries\//, "").replace(oldName, "OLD").replace(newName, "NEW")}`);
        assert.deepStrictEqual(w.slice(0, 2), ["PUT NEW", "POST NEW/share"], "the new gallery first, shared as before");
        assert.match(w[w.length - 3], /^DELETE OLD\/images\//, w.join("; "));
        // A shared gallery stops being shared before its delete, once it holds nothing (as azurerm does it).
        assert.deepStrictEqual(w.slice(-2), ["POST OLD/share", "DELETE OLD"], "the old gallery goes last, after its image");
        assert.ok(w.indexOf(w.find((x) => x.startsWith("PUT NEW/images/"))!) < w.indexOf(w.find((x) => x.startsWith("DELETE OLD/images/"))!), "the new image exists before the old one goes");
        ok(await s.destroy());
        assert.strictEqual(emulator.service.count(), 0);
    });
});
