/**
 * Values known only at apply (Pulumi's unknown marker at preview): an unknown object, list, element or
 * scalar. It is never refused, no completion or caution acts on it, and the diff plans what it may
 * cost: a replacement when it can hold a create-only value, an update otherwise, never "no change".
 * The oracle for "create-only" is azure-spec/MUTABILITY.md, quoted beside each row.
 */
import * as assert from "assert";
import { onProgress } from "../../provider/azure/progress";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { EDGE_ZONE, SOURCE_IMAGE as SRC, galleryInputs, imageInputs, versionInputs } from "./inputs";

type Kind = "gallery" | "galleryImage" | "galleryImageVersion";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const DES = `${SRC}-des`;

/** Check (with the previous inputs) then diff (against what Azure holds), as the engine runs a preview; every warning said. */
async function preview(kind: Kind, before: Inputs, after: Inputs, azure: Inputs = before) {
    const said: string[] = [];
    const stop = onProgress((_u, m, severity) => severity === "warning" && said.push(m));
    try {
        const { inputs, failures } = await providers[kind].check!(before, after);
        const diff = (failures ?? []).length === 0 ? await providers[kind].diff!("id", azure, inputs) : undefined;
        return { inputs, failures: failures ?? [], said, diff };
    } finally {
        stop();
    }
}

const planned = (d: { changes?: boolean; replaces?: string[] } | undefined) => (!d?.changes ? "none" : (d.replaces ?? []).length > 0 ? "replace" : "update");

const version = () =>
    versionInputs(
        { tags: { team: "images" }, safetyProfile: { allowDeletionOfReplicatedLocations: false } },
        { targetRegions: [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 2 }], endOfLifeDate: "2099-01-01T00:00:00Z" },
    );
const withPublishing = (publishing: Inputs): Inputs => ({ ...version(), publishingProfile: { ...(version().publishingProfile as Inputs), ...publishing } });
const regions = (...r: unknown[]) => withPublishing({ targetRegions: r });
const image = () => imageInputs({ description: "golden", recommended: { vCPUs: { min: 2 } }, purchasePlan: { name: "n", publisher: "p", product: "q" } });
const gallery = () => galleryInputs({ description: "golden", identity: { type: "SystemAssigned" }, sharingProfile: { permissions: "Private" } });

const rows: { name: string; kind: Kind; base: () => Inputs; program: Inputs; expect: "replace" | "update" }[] = [
    // §3: the sources are not updatable.
    { name: "an unknown storageProfile object", kind: "galleryImageVersion", base: version, program: { ...version(), storageProfile: UNKNOWN }, expect: "replace" },
    { name: "an unknown source object", kind: "galleryImageVersion", base: version, program: { ...version(), storageProfile: { source: UNKNOWN } }, expect: "replace" },
    { name: "an unknown source id", kind: "galleryImageVersion", base: version, program: { ...version(), storageProfile: { source: { id: UNKNOWN } } }, expect: "replace" },
    // §3: publishingProfile.storageAccountType and replicationMode are not updatable.
    { name: "an unknown publishingProfile object", kind: "galleryImageVersion", base: version, program: { ...version(), publishingProfile: UNKNOWN }, expect: "replace" },
    // §3: a region's storageAccountType and encryption are fixed once it exists; Azure holds two regions.
    { name: "an unknown list of target regions", kind: "galleryImageVersion", base: version, program: withPublishing({ targetRegions: UNKNOWN }), expect: "replace" },
    { name: "an unknown target region (one element)", kind: "galleryImageVersion", base: version, program: regions({ name: "westus" }, UNKNOWN), expect: "replace" },
    { name: "an unknown storage type of a region Azure holds", kind: "galleryImageVersion", base: version, program: regions({ name: "westus" }, { name: "eastus", storageAccountType: UNKNOWN }), expect: "replace" },
    { name: "an unknown encryption of a region Azure holds", kind: "galleryImageVersion", base: version, program: regions({ name: "westus" }, { name: "eastus", encryption: UNKNOWN }), expect: "replace" },
    // §3: target regions (added or removed) and replica counts are updatable; a left-out storage type stays Azure's.
    { name: "an unknown region name (the key)", kind: "galleryImageVersion", base: version, program: regions({ name: "westus" }, { name: UNKNOWN, regionalReplicaCount: 2 }), expect: "update" },
    { name: "an unknown replica count", kind: "galleryImageVersion", base: version, program: regions({ name: "westus" }, { name: "eastus", regionalReplicaCount: UNKNOWN }), expect: "update" },
    { name: "an unknown end-of-life date", kind: "galleryImageVersion", base: version, program: withPublishing({ endOfLifeDate: UNKNOWN }), expect: "update" },
    // §3: edge zones are updatable; Azure holds none, so an unknown list can only add some.
    { name: "an unknown list of edge zones where Azure holds none", kind: "galleryImageVersion", base: version, program: withPublishing({ targetExtendedLocations: UNKNOWN }), expect: "update" },
    // §3: both safety switches are updatable (assumed yes / implied yes).
    { name: "an unknown safetyProfile object", kind: "galleryImageVersion", base: version, program: { ...version(), safetyProfile: UNKNOWN }, expect: "update" },
    { name: "unknown tags", kind: "galleryImageVersion", base: version, program: { ...version(), tags: UNKNOWN }, expect: "update" },
    { name: "an unknown tag value", kind: "galleryImageVersion", base: version, program: { ...version(), tags: { team: UNKNOWN } }, expect: "update" },
    // location: x-ms-mutability read, create.
    { name: "an unknown location", kind: "galleryImageVersion", base: version, program: { ...version(), location: UNKNOWN }, expect: "replace" },
    // §2: identifier and purchase plan are not updatable; recommended and description are.
    { name: "an unknown identifier object", kind: "galleryImage", base: image, program: { ...image(), identifier: UNKNOWN }, expect: "replace" },
    { name: "an unknown purchasePlan object", kind: "galleryImage", base: image, program: { ...image(), purchasePlan: UNKNOWN }, expect: "replace" },
    { name: "an unknown recommended object", kind: "galleryImage", base: image, program: { ...image(), recommended: UNKNOWN }, expect: "update" },
    { name: "an unknown description", kind: "galleryImage", base: image, program: { ...image(), description: UNKNOWN }, expect: "update" },
    // §1: identity is assumed updatable; sharingProfile.permissions is treated as create-only.
    { name: "an unknown identity object", kind: "gallery", base: gallery, program: { ...gallery(), identity: UNKNOWN }, expect: "update" },
    { name: "an unknown sharingProfile object", kind: "gallery", base: gallery, program: { ...gallery(), sharingProfile: UNKNOWN }, expect: "replace" },
];

describe("unknown values at preview: what the diff plans", () => {
    for (const row of rows) {
        it(`${row.name} -> ${row.expect}`, async () => {
            const { failures, diff } = await preview(row.kind, row.base(), row.program);
            assert.deepStrictEqual(failures, [], "never refused");
            assert.strictEqual(planned(diff), row.expect, JSON.stringify(diff));
        });
    }
});

describe("unknown values at preview: never refused", () => {
    const cases: { name: string; kind: Kind; program: Inputs }[] = [
        // Spec: identifier (publisher, offer, sku required) — required inside an unknown object is not missing.
        { name: "an unknown object whose members are required", kind: "galleryImage", program: imageInputs({ identifier: UNKNOWN }) },
        // Spec: an edge zone's extendedLocation has a required name.
        { name: "an unknown object inside a list element", kind: "galleryImageVersion", program: versionInputs({}, { targetExtendedLocations: [{ name: "westus", extendedLocation: UNKNOWN }] }) },
        // A community gallery's publisher details, inside an object known only at apply.
        { name: "a rule's required members inside an unknown object", kind: "gallery", program: galleryInputs({ sharingProfile: { permissions: "Community", communityGalleryInfo: UNKNOWN } }) },
        // Spec: storageAccountType "Cannot be specified along with storageAccountStrategy": an unknown strategy may be left out.
        { name: "a rule between a known and an unknown field", kind: "galleryImageVersion", program: versionInputs({}, { storageAccountType: "Standard_LRS", storageAccountStrategy: UNKNOWN }) },
        { name: "a rule between a known field and an unknown object", kind: "galleryImageVersion", program: versionInputs({}, { replicationMode: "Shallow", targetRegions: [{ name: "westus", encryption: UNKNOWN }] }) },
        { name: "an unknown publishingProfile", kind: "galleryImageVersion", program: versionInputs({ publishingProfile: UNKNOWN }) },
        { name: "an unknown list of data disks", kind: "galleryImageVersion", program: versionInputs({ storageProfile: { osDiskImage: { source: { id: SRC.replace("/images/golden", "/snapshots/golden-os") } }, dataDiskImages: UNKNOWN } }) },
    ];
    for (const c of cases) {
        it(c.name, async () => {
            const { failures, said } = await preview(c.kind, {}, c.program);
            assert.deepStrictEqual([failures, said], [[], []]);
        });
    }

    it("a refusal that depends on an unknown input waits for it: a region removed while the safety switch is unknown", async () => {
        const news = regions({ name: "westus" });
        news.safetyProfile = { allowDeletionOfReplicatedLocations: UNKNOWN };
        const { failures, diff } = await preview("galleryImageVersion", version(), news);
        assert.deepStrictEqual(failures, []);
        assert.strictEqual(planned(diff), "update");
    });

    it("a refusal judges known changes only: a replacement that only an unknown may cause does not meet blockDeletionBeforeEndOfLife", async () => {
        const held = { ...version(), safetyProfile: { blockDeletionBeforeEndOfLife: true } };
        const { failures, diff } = await preview("galleryImageVersion", held, { ...held, storageProfile: { source: { id: UNKNOWN } } });
        assert.deepStrictEqual(failures, []);
        assert.strictEqual(planned(diff), "replace");
        // Known, the same replacement is refused (ERRORS.md: DeleteGalleryImageVersionBlockedBeforeEndOfLife).
        await assert.rejects(preview("galleryImageVersion", held, { ...held, storageProfile: { source: { id: `${SRC}-2` } } }), /blockDeletionBeforeEndOfLife/);
    });
});

describe("unknown values at preview: no completion or caution acts on them", () => {
    const regionList = (inputs: Inputs) => (inputs.publishingProfile as Inputs).targetRegions;

    for (const [name, program] of [
        ["the location unknown", versionInputs({ location: UNKNOWN }, { targetRegions: [{ name: "eastus" }] })],
        ["the list unknown", versionInputs({}, { targetRegions: UNKNOWN })],
        ["an element unknown", versionInputs({}, { targetRegions: [{ name: "eastus" }, UNKNOWN] })],
        ["a region name unknown (it may be the location)", versionInputs({}, { targetRegions: [{ name: "eastus" }, { name: UNKNOWN }] })],
    ] as const) {
        it(`the version's own region is not added with ${name}`, async () => {
            const { failures, said, inputs } = await preview("galleryImageVersion", {}, program);
            assert.deepStrictEqual([failures, said], [[], []]);
            assert.deepStrictEqual(regionList(inputs), (program.publishingProfile as Inputs).targetRegions);
        });
    }

    it("the version's own region is still added when only a member it does not read is unknown", async () => {
        // Troubleshooting guide: the regions "must contain the location of image version".
        const { said, inputs } = await preview("galleryImageVersion", {}, versionInputs({}, { targetRegions: [{ name: "eastus", regionalReplicaCount: UNKNOWN }] }));
        assert.deepStrictEqual(regionList(inputs), [{ name: "westus" }, { name: "eastus", regionalReplicaCount: UNKNOWN }]);
        assert.strictEqual(said.length, 1);
    });

    for (const [name, second] of [
        ["a region whose name is unknown", { name: UNKNOWN }],
        ["a region whose encryption is unknown", { name: "eastus", encryption: UNKNOWN }],
        ["a whole region unknown", UNKNOWN],
    ] as const) {
        it(`the encryption caution does not fire for ${name}`, async () => {
            const { failures, said } = await preview("galleryImageVersion", {}, versionInputs({}, { targetRegions: [{ name: "westus", encryption: { osDiskImage: { diskEncryptionSetId: DES } } }, second] }));
            assert.deepStrictEqual([failures, said], [[], []]);
        });
    }

    it("a data disk whose LUN is unknown may be the one the program stopped listing: nothing is said to stay", async () => {
        const before = versionInputs({ storageProfile: { source: { id: SRC }, dataDiskImages: [{ lun: 1, hostCaching: "ReadOnly" }] } });
        const { failures, said } = await preview("galleryImageVersion", before, versionInputs({ storageProfile: { source: { id: SRC }, dataDiskImages: [{ lun: UNKNOWN, hostCaching: "ReadOnly" }] } }));
        assert.deepStrictEqual([failures, said], [[], []]);
    });

    it("an edge zone Azure holds is still compared when another is unknown", async () => {
        const held = withPublishing({ targetExtendedLocations: [{ ...EDGE_ZONE, extendedLocationReplicaCount: 1 }] });
        const { diff } = await preview("galleryImageVersion", held, withPublishing({ targetExtendedLocations: [{ ...EDGE_ZONE, extendedLocationReplicaCount: 1 }, UNKNOWN] }));
        // The unknown zone may only be a new one (the known one is matched by its key): adding edge zones is updatable (§3).
        assert.strictEqual(planned(diff), "update");
    });
});
