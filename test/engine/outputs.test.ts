/**
 * What a program reads of the resources, the way the engine runs it: the typed outputs of each kind
 * after `up` (with what Azure filled in that the program left out), and `X.get(name, id)` reading
 * resources the stack does not manage. The program on the real runtime, the provider inside
 * Pulumi's real dynamic-provider host, Azure played by the emulator.
 */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, armId, startTestEmulator } from "../support/emulator";
import { RunResult } from "./driver";
import { managedImage, stack } from "./stacks";
import { name, ok } from "./runs";

const plan = (r: RunResult) => r.steps.map((s) => `${s.op} ${name(s.urn)}`).sort();
const PARTNER = "11111111-1111-1111-1111-111111111111";
const SOURCE = managedImage("typed-build");

describe("engine: typed outputs and get, through the real dynamic-provider host", function () {
    let emulator: ArmEmulator;

    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
        emulator.service.registerSource(SOURCE, { location: "westus", osDiskSizeGB: 30, dataDisks: [{ lun: 0, sizeInGB: 64 }] });
    });
    after(() => emulator.stop());

    it("up resolves every kind's typed outputs, with what Azure filled in that the program left out; the next up changes nothing", async () => {
        const typed = stack("fixtures/outputs", emulator, { sourceId: SOURCE, partnerSubscription: PARTNER });
        const preview = await typed.preview();
        ok(preview);
        assert.deepStrictEqual(
            preview.outputs.targetRegions,
            ["westus undefined undefined latest:true", "eastus 2 Standard_LRS latest:true"],
            "a preview holds the program's values only: what Azure fills in is missing there",
        );
        const r = await typed.up({ skipPreview: true });
        ok(r);
        assert.deepStrictEqual(r.outputs.targetRegions, ["West US 1 Standard_LRS latest:true", "East US 2 Standard_LRS latest:true"]);
        assert.deepStrictEqual(r.outputs.galleryOutputs, {
            galleryName: "typed_outputs",
            uniqueName: `${SUBSCRIPTION}-TYPED_OUTPUTS`,
            principalIdIsGuid: true,
            identityType: "SystemAssigned",
            sharedWith: [`Subscriptions: ${PARTNER}`],
            permissions: "Groups",
            descriptionLeftOut: true,
            provisioningState: "Succeeded",
        });
        assert.deepStrictEqual(r.outputs.imageOutputs, {
            publisher: "contoso",
            sku: "1",
            hyperVGeneration: "V2",
            securityType: "TrustedLaunchSupported",
            osType: "Linux",
            resourceGroupName: RESOURCE_GROUP,
            endOfLifeLeftOut: true,
        });
        assert.deepStrictEqual(r.outputs.versionOutputs, {
            regionalReplicaCount: 1,
            replicaCount: 1,
            publishedDateIsDate: true,
            sameDateAtTop: true,
            sourceId: SOURCE,
            osDiskSizeInGB: 30,
            dataDisks: ["lun 0: 64 GB None"],
            reportedForPolicyViolation: false,
            replication: ["West US: Completed", "East US: Completed"],
            provisioningState: "Succeeded",
        });

        const at = emulator.requests.length;
        const again = await typed.up();
        ok(again);
        assert.deepStrictEqual([...new Set(again.steps.map((s) => s.op))], ["same"], "the outputs Azure reports are no change");
        assert.strictEqual(emulator.requests.length - at, 0);
        assert.deepStrictEqual(again.outputs, r.outputs);
    });

    it("get reads an existing gallery, definition and version by their ARM ids as ARM spells them, in preview and up, and never writes or deletes them", async () => {
        // ARM's own spelling of the ids it returns: re-cased segment types and names.
        const recased = (id: string) => id.replace("/resourceGroups/", "/resourcegroups/").replace("Microsoft.Compute", "microsoft.compute").replace("typed_outputs", "TYPED_OUTPUTS");
        const existing = stack("fixtures/existing", emulator, {
            galleryId: recased(armId("typed_outputs")),
            imageId: recased(armId("typed_outputs", "app")),
            versionId: armId("typed_outputs", "app", "1.0.0"),
        });
        const at = emulator.requests.length;
        const preview = await existing.preview();
        ok(preview);
        assert.deepStrictEqual(plan(preview), ["read existing-gallery", "read existing-image", "read existing-version"]);
        assert.deepStrictEqual((preview.outputs.imageOutputs as { identifier: unknown }).identifier, { publisher: "contoso", offer: "app", sku: "1" }, "reads run in preview, as the engine's do");

        const r = await existing.up();
        ok(r);
        assert.deepStrictEqual(plan(r), ["read existing-gallery", "read existing-image", "read existing-version"]);
        assert.deepStrictEqual(r.outputs.galleryOutputs, {
            id: recased(armId("typed_outputs")),
            resourceGroupName: RESOURCE_GROUP,
            galleryName: "TYPED_OUTPUTS",
            location: "West US",
            uniqueName: `${SUBSCRIPTION}-TYPED_OUTPUTS`,
            subscriptionId: SUBSCRIPTION,
        });
        assert.deepStrictEqual(r.outputs.imageOutputs, {
            galleryName: "TYPED_OUTPUTS",
            galleryImageName: "app",
            identifier: { publisher: "contoso", offer: "app", sku: "1" },
            osState: "Generalized",
            hyperVGeneration: "V2",
            provisioningState: "Succeeded",
        });
        assert.deepStrictEqual(r.outputs.versionOutputs, {
            galleryImageVersionName: "1.0.0",
            regions: ["West US=1", "East US=2"],
            sourceId: SOURCE,
            replication: "Completed",
        });
        assert.ok([...existing.state.values()].every((s) => s.external), "kept as read, not managed");

        ok(await existing.refresh());
        const destroyed = await existing.destroy();
        ok(destroyed);
        assert.strictEqual(existing.state.size, 0);
        assert.deepStrictEqual(
            emulator.requests.slice(at).filter((q) => q.method !== "GET"),
            [],
            "preview, up, refresh and destroy of the reading stack only read",
        );
        assert.ok(emulator.service.get(armId("typed_outputs", "app", "1.0.0")), "the version is still there");
    });

    it("get with the id of another kind, or of nothing, fails naming the id it needs", async () => {
        const wrongKind = stack("fixtures/existing", emulator, {
            galleryId: armId("typed_outputs", "app"),
            imageId: armId("typed_outputs", "app"),
            versionId: armId("typed_outputs", "app", "1.0.0"),
        });
        const r = await wrongKind.preview();
        assert.match(
            String(r.error),
            /existing-gallery: .*Gallery\.get needs the ARM id of a Gallery, \/subscriptions\/\{subscriptionId\}\/resourceGroups\/\{resourceGroupName\}\/providers\/Microsoft\.Compute\/galleries\/\{galleryName\}; ".*\/images\/app" is the id of a Microsoft\.Compute\/galleries\/images resource/,
        );

        const missing = armId("typed_outputs", "app", "9.9.9");
        const gone = stack("fixtures/existing", emulator, { galleryId: armId("typed_outputs"), imageId: armId("typed_outputs", "app"), versionId: missing });
        assert.match(String((await gone.up()).error), new RegExp(`existing-version: resource '${missing.replace(/\./g, "\\.")}' does not exist`));
        assert.strictEqual(gone.state.size, 0);
    });

    // pulumi up runs the program until it has nothing left to do (the runtime waits for Node.js's
    // beforeExit), so work outside the stack outputs is part of the run; what never settles fails it.
    it("a definition the program makes in an apply after reading the gallery from Azure, not exported, is deployed by that up", async () => {
        const s = stack("fixtures/madeInApply", emulator, { galleryName: "made_in_apply" });
        const r = await s.up();
        ok(r);
        assert.deepStrictEqual(plan(r), ["create gallery", "create image"]);
        assert.ok(emulator.service.get(armId("made_in_apply", "app")), "Azure has the definition");
        // Another stack's run finds nothing of it.
        const other = stack("fixtures/madeInApply", emulator, { galleryName: "made_elsewhere" });
        const elsewhere = await other.up();
        ok(elsewhere);
        assert.deepStrictEqual([...other.state.values()].map((x) => x.inputs.galleryName), ["made_elsewhere", "made_elsewhere"]);
        const again = await s.up();
        ok(again);
        assert.deepStrictEqual(plan(again), ["same gallery", "same image"]);

        s.config["inapply:stuck"] = "true";
        const stuck = await s.up();
        // The runtime's own words: "… that N promises were still active" (3.248), "… that the program
        // exited before the following resource registrations could complete" naming "stuck" (3.276).
        assert.match(String(stuck.error), /The Pulumi runtime detected that (\d+ promises were still active|the program exited before the following resource\s+registrations could complete:\s+\* "stuck")/);
    });
});
