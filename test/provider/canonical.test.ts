/**
 * What Azure says its own way is not a change: re-cased ARM ids and names, display-name regions,
 * values Azure fills in (a source's disk layout, identity principal ids, defaults). What the program
 * removes goes back to Azure's default where Azure can, and stays with a warning where it cannot.
 * The "Azure" side of each row is what the official examples and the spec show Azure answering.
 */
import * as assert from "assert";
import { onProgress } from "../../provider/azure/progress";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { recaseArmId } from "../../emulator/echo";
import { SOURCE_IMAGE as SRC, galleryInputs, imageInputs, versionInputs } from "./inputs";

/** A snapshot for a disk's source: a disk's source must be a managed disk or snapshot (troubleshooting guide). */
const SNAPSHOT = SRC.replace("/images/golden", "/snapshots/golden-os");

type Kind = "gallery" | "galleryImage" | "galleryImageVersion";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** ARM's re-casing of an id in its answers, as the emulator's re-casing echo writes it. */
const recase = recaseArmId;

const DES = (n: string) => `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/${n}`;
const VM = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/build/providers/Microsoft.Compute/virtualMachines/builder";
const UAI = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/gallery";

const encrypted = (des: string) => ({ osDiskImage: { diskEncryptionSetId: des }, dataDiskImages: [{ lun: 1, diskEncryptionSetId: des }] });

/** A program's inputs, and what Azure answered for them (the outputs diff reads as olds). */
const rows: { name: string; kind: Kind; program: () => Inputs; azure: (program: Inputs) => Inputs }[] = [
    {
        name: "a managed-image source reported with its disk layout, re-cased",
        kind: "galleryImageVersion",
        program: () => versionInputs(),
        azure: (p) => ({
            ...p,
            storageProfile: {
                source: { id: recase(SRC) },
                osDiskImage: { sizeInGB: 30, hostCaching: "ReadWrite" },
                dataDiskImages: [
                    { lun: 0, sizeInGB: 128, hostCaching: "None" },
                    { lun: 1, sizeInGB: 10, hostCaching: "ReadOnly" },
                ],
            },
        }),
    },
    {
        // GalleryImageVersion_Create_WithVmAsSource.json: Azure reports osDiskImage and dataDiskImages the request never sent.
        name: "a VM source reported with its disks",
        kind: "galleryImageVersion",
        program: () => versionInputs({ storageProfile: { source: { virtualMachineId: VM } } }),
        azure: (p) => ({ ...p, storageProfile: { source: { virtualMachineId: recase(VM) }, osDiskImage: { sizeInGB: 10, hostCaching: "ReadOnly" }, dataDiskImages: [{ lun: 1, sizeInGB: 10, hostCaching: "None" }] } }),
    },
    {
        name: "disk-encryption-set ids re-cased, regions as display names",
        kind: "galleryImageVersion",
        program: () => versionInputs({}, { targetRegions: [{ name: "westus", encryption: encrypted(DES("west")) }, { name: "eastus", encryption: encrypted(DES("east")) }] }),
        azure: (p) => ({
            ...p,
            location: "West US",
            publishingProfile: {
                targetRegions: [
                    { name: "West US", regionalReplicaCount: 1, storageAccountType: "Standard_LRS", excludeFromLatest: false, encryption: encrypted(recase(DES("west"))) },
                    { name: "East US", regionalReplicaCount: 1, storageAccountType: "Standard_LRS", excludeFromLatest: false, encryption: encrypted(recase(DES("east"))) },
                ],
                replicaCount: 1,
                excludeFromLatest: false,
                storageAccountType: "Standard_LRS",
            },
        }),
    },
    {
        name: "disk sources' ids and storage accounts re-cased",
        kind: "galleryImageVersion",
        program: () =>
            versionInputs({
                storageProfile: {
                    osDiskImage: { source: { id: SNAPSHOT } },
                    dataDiskImages: [{ lun: 0, source: { uri: "https://sa.blob.core.windows.net/vhds/Data.vhd", storageAccountId: `${SRC}-sa` } }],
                },
            }),
        azure: (p) => ({
            ...p,
            storageProfile: {
                osDiskImage: { hostCaching: "ReadWrite", sizeInGB: 30, source: { id: recase(SNAPSHOT) } },
                dataDiskImages: [{ lun: 0, hostCaching: "None", sizeInGB: 10, source: { uri: "https://sa.blob.core.windows.net/vhds/Data.vhd", storageAccountId: recase(`${SRC}-sa`) } }],
            },
        }),
    },
    {
        name: "documented defaults written out where Azure's answer leaves them out (replicationMode Full)",
        kind: "galleryImageVersion",
        program: () => versionInputs({}, { replicationMode: "Full", excludeFromLatest: false }),
        azure: (p) => ({ ...p, publishingProfile: { targetRegions: [{ name: "West US", regionalReplicaCount: 1 }] } }),
    },
    {
        name: "a system-assigned identity reported with its principal and tenant",
        kind: "gallery",
        program: () => galleryInputs({ identity: { type: "SystemAssigned" } }),
        azure: (p) => ({ ...p, identity: { type: "SystemAssigned", principalId: "11111111-1111-1111-1111-111111111111", tenantId: "22222222-2222-2222-2222-222222222222" } }),
    },
    {
        name: "user-assigned identities re-cased and filled in with their principal and client ids",
        kind: "gallery",
        program: () => galleryInputs({ identity: { type: "UserAssigned", userAssignedIdentities: { [UAI]: {} } } }),
        azure: (p) => ({ ...p, identity: { type: "UserAssigned", userAssignedIdentities: { [recase(UAI)]: { principalId: "1", clientId: "2" } } } }),
    },
    {
        name: "a security type Azure applied to a definition that did not set one",
        kind: "galleryImage",
        program: () => imageInputs(),
        azure: (p) => ({ ...p, securityType: "TrustedLaunchSupported", hyperVGeneration: "V2", architecture: "x64" }),
    },
    {
        name: "architecture x64 written out where Azure's answer leaves it out",
        kind: "galleryImage",
        program: () => imageInputs({ architecture: "x64", hyperVGeneration: "V2" }),
        azure: (p) => ({ ...p, architecture: undefined, hyperVGeneration: undefined }),
    },
    {
        name: "names written in another case than before",
        kind: "galleryImage",
        program: () => imageInputs({ resourceGroupName: "Golden-Images", galleryName: "GOLDEN" }),
        azure: () => imageInputs(),
    },
];

describe("diff: Azure's spelling and what Azure fills in are not changes", () => {
    for (const row of rows) {
        it(row.name, async () => {
            const program = row.program();
            const { inputs, failures } = await providers[row.kind].check!({}, program);
            assert.deepStrictEqual(failures, []);
            const d = await providers[row.kind].diff!("id", row.azure(inputs), inputs);
            assert.deepStrictEqual([d.changes, d.replaces], [false, []], JSON.stringify(d));
        });
    }

    it("still replaces when a data disk the program lists changes", async () => {
        const listed = versionInputs({ storageProfile: { osDiskImage: { source: { id: SNAPSHOT } }, dataDiskImages: [{ lun: 0, source: { id: `${SRC}-d0` } }] } });
        const moved = versionInputs({ storageProfile: { osDiskImage: { source: { id: SNAPSHOT } }, dataDiskImages: [{ lun: 1, source: { id: `${SRC}-d0` } }] } });
        const d = await providers.galleryImageVersion.diff!("id", listed, moved);
        assert.deepStrictEqual(d.replaces, ["storageProfile"]);
    });

    it("still replaces when an id changes to another resource, not only its case", async () => {
        const d = await providers.galleryImageVersion.diff!("id", versionInputs({ storageProfile: { source: { id: recase(SRC) } } }), versionInputs({ storageProfile: { source: { id: `${SRC}2` } } }));
        assert.deepStrictEqual(d.replaces, ["storageProfile"]);
    });
});

/** Check (with the previous inputs) then diff (with Azure's answer), as the engine runs a preview. */
async function preview(kind: Kind, before: Inputs, after: Inputs, azure: Inputs = before) {
    const said: string[] = [];
    const stop = onProgress((_u, m, severity) => said.push(`${severity}: ${m}`));
    try {
        const { inputs, failures } = await providers[kind].check!(before, after);
        assert.deepStrictEqual(failures, []);
        return { inputs, said, diff: await providers[kind].diff!("id", azure, inputs) };
    } finally {
        stop();
    }
}

const regionsOf = (i: Inputs) => (i.publishingProfile as { targetRegions: Record<string, unknown>[] }).targetRegions;

describe("removing a field from the program", () => {
    it("sends Azure's default where Azure can return to it: excludeFromLatest, globally and per region", async () => {
        const before = versionInputs({}, { excludeFromLatest: true, targetRegions: [{ name: "westus", excludeFromLatest: true }] });
        const { inputs, diff } = await preview("galleryImageVersion", before, versionInputs());
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
        assert.strictEqual((inputs.publishingProfile as Inputs).excludeFromLatest, false);
        assert.strictEqual(regionsOf(inputs)[0].excludeFromLatest, false);
    });

    it("sends the version's replica count for a region whose own count was removed", async () => {
        const before = versionInputs({}, { replicaCount: 2, targetRegions: [{ name: "westus", regionalReplicaCount: 5 }] });
        const { inputs, diff } = await preview("galleryImageVersion", before, versionInputs({}, { replicaCount: 2 }));
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
        assert.strictEqual(regionsOf(inputs)[0].regionalReplicaCount, 2);
    });

    it("clears tags and description", async () => {
        const before = galleryInputs({ description: "golden", tags: { team: "platform" } });
        const { diff } = await preview("gallery", before, galleryInputs());
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
    });

    it("keeps an end-of-life date Azure cannot clear, and says so", async () => {
        const before = imageInputs({ endOfLifeDate: "2099-01-01T00:00:00Z" });
        const { diff, said } = await preview("galleryImage", before, imageInputs());
        assert.strictEqual(diff.changes, false);
        assert.match(said.join("\n"), /warning: endOfLifeDate was removed from the program; it stays "2099-01-01T00:00:00Z" in Azure/);
    });

    it("never replaces for a removed create-only value Azure fills in, and says it stays", async () => {
        const before = imageInputs({ hyperVGeneration: "V1" });
        const { diff, said } = await preview("galleryImage", before, imageInputs());
        assert.strictEqual(diff.changes, false);
        assert.match(said.join("\n"), /hyperVGeneration was removed from the program; it stays "V1" in Azure \(it is fixed at create\)/);
    });

    it("leaves Azure's values alone for fields the program never set", async () => {
        const azure = versionInputs({}, { excludeFromLatest: true, replicaCount: 3 });
        const { inputs, diff, said } = await preview("galleryImageVersion", versionInputs(), versionInputs(), azure);
        assert.strictEqual(diff.changes, false);
        assert.strictEqual((inputs.publishingProfile as Inputs).excludeFromLatest, undefined);
        assert.deepStrictEqual(said.filter((s) => s.includes("removed")), []);
    });
});

describe("values unknown at preview", () => {
    const before = versionInputs({}, { targetRegions: [{ name: "westus" }, { name: "eastus" }] });

    it("never refuse: a target region whose name is unknown is neither added nor removed yet", async () => {
        const { diff } = await preview("galleryImageVersion", before, versionInputs({}, { targetRegions: [{ name: "westus" }, { name: UNKNOWN }] }));
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
    });

    it("never refuse: a whole target region unknown is not a removal of the old ones, and may be one of them with its storage type changed", async () => {
        // MUTABILITY.md §3: a region's storageAccountType "is not updatable" once the region exists.
        const { diff } = await preview("galleryImageVersion", before, versionInputs({}, { targetRegions: [{ name: "westus" }, UNKNOWN] }));
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, ["publishingProfile"]]);
    });

    it("never refuse: an unknown source, or unknown disk controller types", async () => {
        for (const [kind, inputs] of [
            ["galleryImageVersion", versionInputs({ storageProfile: UNKNOWN })],
            ["galleryImageVersion", versionInputs({ storageProfile: { source: UNKNOWN } })],
            ["galleryImage", imageInputs({ diskControllerTypes: [UNKNOWN, UNKNOWN] })],
        ] as const) {
            assert.deepStrictEqual((await providers[kind].check!({}, inputs)).failures, [], JSON.stringify(inputs));
        }
    });

    it("an unknown object is not taken for a removed one: nothing is reset, nothing is said", async () => {
        const gallery = await preview("gallery", galleryInputs({ identity: { type: "SystemAssigned" } }), galleryInputs({ identity: UNKNOWN }));
        assert.strictEqual(gallery.inputs.identity, UNKNOWN);
        const version = await preview("galleryImageVersion", versionInputs({}, { excludeFromLatest: true, endOfLifeDate: "2099-01-01T00:00:00Z" }), versionInputs({ publishingProfile: UNKNOWN }));
        assert.strictEqual(version.inputs.publishingProfile, UNKNOWN);
        assert.deepStrictEqual([...gallery.said, ...version.said], []);
    });
});

describe("regions", () => {
    it("a region Azure already accepted for the resource is not refused, though the package's table lacks it", async () => {
        const deployed = galleryInputs({ location: "Atlantis North" });
        assert.notDeepStrictEqual((await providers.gallery.check!({}, deployed)).failures, []);
        assert.deepStrictEqual((await providers.gallery.check!(deployed, deployed)).failures, []);
    });

    it("a region the stack takes on trust has its storage types taken on trust too", async () => {
        const zrs = versionInputs({}, { targetRegions: [{ name: "westus", storageAccountType: "Standard_ZRS" }] });
        assert.notDeepStrictEqual((await providers.galleryImageVersion.check!({}, zrs)).failures, []);
        process.env.AZURE_GALLERY_ADDITIONAL_REGIONS = JSON.stringify(["westus"]);
        try {
            assert.deepStrictEqual((await providers.galleryImageVersion.check!({}, zrs)).failures, []);
            process.env.AZURE_GALLERY_ADDITIONAL_REGIONS = '["westus", 3]';
            await assert.rejects(providers.galleryImageVersion.check!({}, zrs), /azure-compute-gallery:additionalRegions must be a comma-separated list of region names, or a JSON list of strings/);
        } finally {
            delete process.env.AZURE_GALLERY_ADDITIONAL_REGIONS;
        }
    });
});
