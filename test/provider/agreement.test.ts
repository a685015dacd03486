/**
 * What Azure would refuse, check refuses first. Each bad input is refused by check, naming the
 * field; sent past check straight to create, the emulator (whose rules are written from the spec,
 * independently of the provider's) refuses it too: a failure preview saves from apply time.
 */
import { setEnv } from "../support/env";
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { SOURCE_IMAGE as SRC, applicationInputs, applicationVersionInputs, galleryInputs, imageInputs, versionInputs } from "./inputs";
import { ArmEmulator } from "../../emulator/server";
import { SUBSCRIPTION, startTestEmulator } from "../support/emulator";

// Bad inputs below vary these, which exist in the emulator.
const gallery = (x: Inputs = {}): Inputs => galleryInputs({ galleryName: "agree", ...x });
const image = (x: Inputs = {}): Inputs => imageInputs({ galleryName: "agree", galleryImageName: "base", identifier: { publisher: "contoso", offer: "agree", sku: "1" }, ...x });
const version = (x: Inputs = {}, publishing: Inputs = {}): Inputs => versionInputs({ galleryName: "agree", galleryImageName: "base", ...x }, publishing);
const application = (x: Inputs = {}): Inputs => applicationInputs({ galleryName: "agree", galleryApplicationName: "agent", ...x });
const appVersion = (x: Inputs = {}, publishing: Inputs = {}): Inputs => applicationVersionInputs({ galleryName: "agree", galleryApplicationName: "agent", ...x }, publishing);
const DES = `/subscriptions/${SUBSCRIPTION}/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/des`;

const cases: { rule: string; kind: keyof typeof providers; inputs: Inputs; property: string }[] = [
    { rule: "a gallery name with a dash", kind: "gallery", inputs: gallery({ galleryName: "golden-images" }), property: "galleryName" },
    { rule: "a gallery name ending with a period", kind: "gallery", inputs: gallery({ galleryName: "golden." }), property: "galleryName" },
    { rule: "an image name ending with a period", kind: "galleryImage", inputs: image({ galleryImageName: "base." }), property: "galleryImageName" },
    { rule: "an identifier part ending with a period", kind: "galleryImage", inputs: image({ galleryImageName: "dot", identifier: { publisher: "contoso.", offer: "o", sku: "s" } }), property: "identifier.publisher" },
    { rule: "an offer longer than 64 characters", kind: "galleryImage", inputs: image({ galleryImageName: "long", identifier: { publisher: "p", offer: "o".repeat(65), sku: "s" } }), property: "identifier.offer" },
    { rule: "a definition end-of-life in the past", kind: "galleryImage", inputs: image({ galleryImageName: "old", endOfLifeDate: "2020-01-01T00:00:00Z" }), property: "endOfLifeDate" },
    { rule: "recommended vCPU min above max", kind: "galleryImage", inputs: image({ galleryImageName: "vcpu", recommended: { vCPUs: { min: 8, max: 2 } } }), property: "recommended.vCPUs" },
    { rule: "a security type on generation V1", kind: "galleryImage", inputs: image({ galleryImageName: "gen1", hyperVGeneration: "V1", securityType: "TrustedLaunch" }), property: "securityType" },
    { rule: "a version name that is not major.minor.patch", kind: "galleryImageVersion", inputs: version({ galleryImageVersionName: "1.0" }), property: "galleryImageVersionName" },
    { rule: "a version part beyond int32", kind: "galleryImageVersion", inputs: version({ galleryImageVersionName: "1.0.2147483648" }), property: "galleryImageVersionName" },
    { rule: "a version with two sources", kind: "galleryImageVersion", inputs: version({ storageProfile: { source: { id: SRC, virtualMachineId: SRC } } }), property: "storageProfile" },
    { rule: "a malformed source id", kind: "galleryImageVersion", inputs: version({ storageProfile: { source: { id: "images/golden" } } }), property: "storageProfile.source.id" },
    { rule: "a region listed twice in two spellings", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus" }, { name: "West US" }] }), property: "publishingProfile.targetRegions[1]" },
    { rule: "a regional replica count of 0", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus", regionalReplicaCount: 0 }] }), property: "publishingProfile.targetRegions[0].regionalReplicaCount" },
    { rule: "a replica count above 100", kind: "galleryImageVersion", inputs: version({}, { replicaCount: 101 }), property: "publishingProfile.replicaCount" },
    { rule: "a version end-of-life in the past", kind: "galleryImageVersion", inputs: version({}, { endOfLifeDate: "2021-01-01T00:00:00Z" }), property: "publishingProfile.endOfLifeDate" },
    { rule: "both storage type and storage strategy", kind: "galleryImageVersion", inputs: version({}, { storageAccountType: "Standard_LRS", storageAccountStrategy: "PreferStandard_ZRS" }), property: "publishingProfile.storageAccountStrategy" },
    // A closed enum (spec ResourceIdentityType, modelAsString false); open enums are let through with a warning.
    { rule: "an identity type outside the enum", kind: "gallery", inputs: gallery({ galleryName: "identity", identity: { type: "Managed" } }), property: "identity.type" },
    { rule: "a direct-drive replica set count of 0", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 0 }] }] }), property: "publishingProfile.targetRegions[0].additionalReplicaSets[0].regionalReplicaCount" },
    { rule: "a location that is no Azure region", kind: "gallery", inputs: gallery({ galleryName: "typo", location: "westeurpoe" }), property: "location" },
    { rule: "a target region that is no Azure region", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus" }, { name: "eastus9" }] }), property: "publishingProfile.targetRegions[1].name" },
    { rule: "zone-redundant storage in a region without zones", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus", storageAccountType: "Standard_ZRS" }] }), property: "publishingProfile.targetRegions[0].storageAccountType" },
    { rule: "Premium SSD v2 replicas where it is not offered", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus" }, { name: "uaecentral", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 1 }] }] }), property: "publishingProfile.targetRegions[1].additionalReplicaSets[0].storageAccountType" },
    { rule: "more than 100 replicas in all", kind: "galleryImageVersion", inputs: version({}, { targetRegions: [{ name: "westus", regionalReplicaCount: 60 }, { name: "eastus", regionalReplicaCount: 50 }] }), property: "publishingProfile.targetRegions" },
    { rule: "a disk controller type twice", kind: "galleryImage", inputs: image({ galleryImageName: "twice", diskControllerTypes: ["SCSI", "SCSI"] }), property: "diskControllerTypes" },
    { rule: "more than 50 tags", kind: "gallery", inputs: gallery({ galleryName: "tagged", tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])) }), property: "tags" },
    { rule: "a tag value longer than 256 characters", kind: "galleryImage", inputs: image({ galleryImageName: "tagged", tags: { team: "v".repeat(257) } }), property: "tags" },
    // VM applications (MUTABILITY.md §7, §8; ERRORS.md §5).
    { rule: "an application name ending with a period", kind: "galleryApplication", inputs: application({ galleryApplicationName: "agent." }), property: "galleryApplicationName" },
    { rule: "an application name of 118 characters", kind: "galleryApplication", inputs: application({ galleryApplicationName: "a".repeat(118) }), property: "galleryApplicationName" },
    { rule: "an application for an OS outside the closed enum", kind: "galleryApplication", inputs: application({ galleryApplicationName: "solaris", supportedOSType: "Solaris" }), property: "supportedOSType" },
    { rule: "an application end-of-life in the past", kind: "galleryApplication", inputs: application({ galleryApplicationName: "old", endOfLifeDate: "2020-01-01T00:00:00Z" }), property: "endOfLifeDate" },
    {
        rule: "a custom action parameter of a type outside the closed enum",
        kind: "galleryApplication",
        inputs: application({ galleryApplicationName: "typed", customActions: [{ name: "restart", script: "./restart.sh", parameters: [{ name: "delay", type: "Integer" }] }] }),
        property: "customActions[0].parameters[0].type",
    },
    { rule: "an application version name that is not major.minor.patch", kind: "galleryApplicationVersion", inputs: appVersion({ galleryApplicationVersionName: "1.0" }), property: "galleryApplicationVersionName" },
    { rule: "an application version replicated 11 times in a region", kind: "galleryApplicationVersion", inputs: appVersion({}, { targetRegions: [{ name: "westus", regionalReplicaCount: 11 }] }), property: "publishingProfile.targetRegions[0].regionalReplicaCount" },
    { rule: "an application version replica count of 11", kind: "galleryApplicationVersion", inputs: appVersion({}, { replicaCount: 11 }), property: "publishingProfile.replicaCount" },
    { rule: "an application version encrypted in a region", kind: "galleryApplicationVersion", inputs: appVersion({}, { targetRegions: [{ name: "westus", encryption: { osDiskImage: { diskEncryptionSetId: DES } } }] }), property: "publishingProfile.targetRegions[0].encryption" },
    { rule: "manage actions without a remove command", kind: "galleryApplicationVersion", inputs: appVersion({}, { manageActions: { install: "./install.sh" } }), property: "publishingProfile.manageActions.remove" },
    { rule: "an install command over 4096 characters", kind: "galleryApplicationVersion", inputs: appVersion({}, { manageActions: { install: "x".repeat(4097), remove: "./remove.sh" } }), property: "publishingProfile.manageActions.install" },
    { rule: "sharing groups on a gallery that is not shared with groups", kind: "gallery", inputs: gallery({ galleryName: "private", sharingProfile: { permissions: "Private", groups: [{ type: "Subscriptions", ids: [SUBSCRIPTION] }] } }), property: "sharingProfile.groups" },
];

describe("check refuses first what Azure would refuse at apply", function () {
    let emulator: ArmEmulator;
    const saved = { ...process.env };
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 0 });
        Object.assign(process.env, { ARM_ENDPOINT: emulator.endpoint, ARM_ACCESS_TOKEN: "t", ARM_SUBSCRIPTION_ID: SUBSCRIPTION });
        await providers.gallery.create(gallery());
        await providers.galleryImage.create(image());
        await providers.galleryApplication.create(application());
    });
    after(async () => {
        setEnv(saved);
        await emulator.stop();
    });

    for (const c of cases) {
        it(c.rule, async () => {
            const { failures = [] } = await providers[c.kind].check!({}, c.inputs);
            assert.ok(
                failures.some((f) => f.property === c.property),
                `check names ${c.property}: ${JSON.stringify(failures)}`,
            );
            const before = emulator.requests.length;
            await assert.rejects(providers[c.kind].create(c.inputs), /Azure refused to (create|change the sharing of)/, "the emulator refuses it too");
            assert.ok(emulator.requests.slice(before).some((r) => r.status >= 400 && r.status < 500 && r.status !== 404), "refused by a rule, not missing");
        });
    }
});
