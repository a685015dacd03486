/**
 * What a program reads of the resources, the way the engine runs it: the typed outputs of each kind
 * after `up` (with what Azure filled in that the program left out). The program on the real
 * runtime, the provider inside Pulumi's real dynamic-provider host, Azure played by the emulator.
 */
import * as assert from "assert";
import { ArmEmulator } from "../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";
import { RunResult } from "./driver";
import { managedImage, stack } from "./stacks";

const ok = (r: RunResult) => assert.strictEqual(r.error, undefined, r.error);
const PARTNER = "11111111-1111-1111-1111-111111111111";
const SOURCE = managedImage("typed-build");

describe("engine: typed outputs, through the real dynamic-provider host", function () {
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
        const r = await typed.up();
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
});
