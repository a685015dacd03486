/** Image version: what each field is, and what Azure lets you change after create. */
import { REFERS_TO, everyKind, galleryImageName, galleryName, resourceGroupName, versionName } from "./common";
import { disksByLun, publishingProfile } from "./publishingProfile";
import { CheckFailure, FieldSpec, Inputs, ResourceSpec, described } from "./types";
import { getPath, isRecord } from "./values";

export { ReplicatingVersion, replicating, replicationFailures } from "./publishingProfile";

const source = (prefix: string): FieldSpec[] => [
    { path: `${prefix}.id`, type: "armId", refersTo: REFERS_TO.diskSource, onChange: "replace" },
    // Blob URIs are case-sensitive, unlike ARM ids.
    { path: `${prefix}.uri`, type: "string", onChange: "replace", pattern: { re: /^https:\/\/.+/, rule: "must be the https URI of a VHD blob" } },
    { path: `${prefix}.storageAccountId`, type: "armId", refersTo: REFERS_TO.storageAccount, onChange: "replace" },
];

/** Spec HostCaching: a closed enum (modelAsString false). */
const hostCaching = (path: string): FieldSpec => ({ path, type: "string", enum: ["None", "ReadOnly", "ReadWrite"], onChange: "replace", computed: true });

/**
 * A whole-image source (managed image, VM, gallery version) brings its own data disks, which Azure
 * reports though the program never lists them (GalleryImageVersion_Create_WithVmAsSource.json); a
 * program may restate some of them. Disks the program lists keep their replace-on-change rule.
 */
const dataDiskImages: FieldSpec = (() => {
    const disks = disksByLun("storageProfile.dataDiskImages", [hostCaching("hostCaching"), ...source("source")]);
    return { ...disks, computed: true, items: { ...disks.items!, azureAdds: true } };
})();

/**
 * A version's UEFI settings, fixed at create (MUTABILITY.md), described member by member (spec:
 * GalleryImageVersionUefiSettings, UefiKeySignatures, UefiKey) so that they compare as Azure means
 * them: the template names as a set, key types without regard to case, an empty list as none.
 */
const uefiKey = (path: string): FieldSpec[] => [
    // Spec (UefiKeyType, UefiSignatureTemplateName): open enums (modelAsString).
    { path: `${path}.type`, type: "string", enum: ["sha256", "x509"], extensible: true, onChange: "replace" },
    { path: `${path}.value`, type: "stringList", onChange: "replace" },
];
const uefiKeys = (path: string): FieldSpec => ({ path, type: "list", onChange: "replace", items: { onAdd: "replace", onRemove: "replace", fields: uefiKey("").map((f) => ({ ...f, path: f.path.slice(1) })) } });
const uefiSettings: FieldSpec[] = [
    {
        path: "securityProfile.uefiSettings.signatureTemplateNames",
        type: "stringList",
        enum: ["NoSignatureTemplate", "MicrosoftUefiCertificateAuthorityTemplate", "MicrosoftWindowsTemplate"],
        extensible: true,
        unique: true,
        onChange: "replace",
    },
    ...uefiKey("securityProfile.uefiSettings.additionalSignatures.pk"),
    uefiKeys("securityProfile.uefiSettings.additionalSignatures.kek"),
    uefiKeys("securityProfile.uefiSettings.additionalSignatures.db"),
    uefiKeys("securityProfile.uefiSettings.additionalSignatures.dbx"),
];

/**
 * Troubleshooting guide (ERRORS.md): "Duplicated source ids are found in the input disks. Source id
 * should be unique for each disk." ARM ids compare without case.
 */
const distinctDiskSources = described("no two disks share a source id", (inputs: Inputs): CheckFailure[] => {
    const disks: [string, unknown][] = [
        ["storageProfile.osDiskImage.source.id", getPath(inputs, "storageProfile.osDiskImage.source.id")],
        ...(Array.isArray(getPath(inputs, "storageProfile.dataDiskImages")) ? (getPath(inputs, "storageProfile.dataDiskImages") as unknown[]) : []).map(
            (d, i): [string, unknown] => [`storageProfile.dataDiskImages[${i}].source.id`, getPath(d, "source.id")],
        ),
    ];
    const ids = disks.filter((d): d is [string, string] => typeof d[1] === "string");
    return ids
        .filter(([, id], i) => ids.findIndex(([, other]) => other.toLowerCase() === id.toLowerCase()) < i)
        .map(([at, id]) => ({ property: at, reason: `${at} repeats the source "${id}" of another disk; Azure refuses a source shared by two disks ("Source id should be unique for each disk")` }));
});

function sources(inputs: Inputs): string[] {
    const found: string[] = [];
    for (const k of ["id", "virtualMachineId", "communityGalleryImageId"]) {
        if (getPath(inputs, `storageProfile.source.${k}`) !== undefined) found.push(`storageProfile.source.${k}`);
    }
    const disks = [getPath(inputs, "storageProfile.osDiskImage"), ...((getPath(inputs, "storageProfile.dataDiskImages") as unknown[]) ?? [])];
    if (disks.some((d) => getPath(d, "source.id") !== undefined || getPath(d, "source.uri") !== undefined)) found.push("disk sources (osDiskImage/dataDiskImages)");
    return found;
}

/**
 * The troubleshooting guide documents "A disk encryption set is required for disk … in target region
 * … since disk encryption set … is used for the corresponding disk in region …", yet seven official
 * examples (GalleryImageVersion_Get.json, _Create_WithVHD.json, …) show versions encrypted in one
 * target region only. So preview warns rather than refuses.
 */
const encryptionInEveryRegion = described("when a disk is encrypted with a disk encryption set in some target regions but not in others (Azure documents a refusal, its official examples show such versions accepted)", (inputs: Inputs): string[] => {
    const regions = publishingProfile.regionsOf(inputs);
    const disks = new Map<string, string[]>();
    regions.forEach((r) => {
        const os = getPath(r, "encryption.osDiskImage.diskEncryptionSetId");
        if (os !== undefined) disks.set("osDiskImage", [...(disks.get("osDiskImage") ?? []), String(r.name)]);
        const data = getPath(r, "encryption.dataDiskImages");
        for (const d of Array.isArray(data) ? data.filter(isRecord) : []) {
            if (d.diskEncryptionSetId !== undefined) disks.set(`dataDiskImages lun ${String(d.lun)}`, [...(disks.get(`dataDiskImages lun ${String(d.lun)}`) ?? []), String(r.name)]);
        }
    });
    const out: string[] = [];
    for (const [disk, encrypted] of disks) {
        const missing = regions.map((r) => String(r.name)).filter((n) => !encrypted.includes(n));
        if (missing.length > 0) {
            out.push(
                `publishingProfile.targetRegions: ${disk} is encrypted with a disk encryption set in ${encrypted.join(", ")} but not in ${missing.join(", ")}; Azure documents that it may refuse this ("A disk encryption set is required for disk … in target region …"): give that disk a disk encryption set in every target region`,
            );
        }
    }
    return out;
});

export const galleryImageVersionSpec: ResourceSpec = {
    kind: "GalleryImageVersion",
    name: { field: "galleryImageVersionName" },
    fields: [
        resourceGroupName,
        galleryName(true),
        galleryImageName(true),
        versionName("galleryImageVersionName"),
        ...everyKind,
        ...publishingProfile.fields,
        { path: "storageProfile.source.id", type: "armId", refersTo: REFERS_TO.versionSource, onChange: "replace" },
        { path: "storageProfile.source.virtualMachineId", type: "armId", refersTo: REFERS_TO.virtualMachine, onChange: "replace" },
        // Spec: "The resource Id of the source Community Gallery Image"; the official example's form is
        // /communityGalleries/{name}/images/{image}, and a community version's unique id adds
        // /versions/{version} (CommunityGalleryImageVersion_Get.json). Compared without case.
        {
            path: "storageProfile.source.communityGalleryImageId",
            type: "string",
            ignoreCase: true,
            onChange: "replace",
            validate: described("a community gallery image's id, `/communityGalleries/{name}/images/{image}` (or a version of it, `…/versions/{version}`)", (v: unknown) =>
                /^\/communityGalleries\/[^/]+\/images\/[^/]+(\/versions\/[^/]+)?$/i.test(String(v))
                    ? undefined
                    : `must be a community gallery image's id, /communityGalleries/{name}/images/{image} (or its /versions/{version}), as getCommunityImageVersion returns; "${String(v)}" is not`,
            ),
        },
        hostCaching("storageProfile.osDiskImage.hostCaching"),
        ...source("storageProfile.osDiskImage.source"),
        dataDiskImages,
        // False unless set (spec GalleryImageVersionSafetyProfile; GalleryImageVersion_Get.json echoes false).
        { path: "safetyProfile.blockDeletionBeforeEndOfLife", type: "boolean", onChange: "update", computed: true, default: false },
        ...uefiSettings,
        // The provider's own, never sent: a create that meets a soft-deleted version of its name restores
        // it (GalleryImageVersion_Update_RestoreSoftDeleted.json) and takes it to the inputs, rather than
        // sending a new version there (kinds/galleryImageVersion.ts). Like `adopt`, it steers one create;
        // changing it is no change.
        { path: "restoreSoftDeleted", type: "boolean", onChange: "update", inModel: false, compared: false },
    ],
    // Read-only in the spec (GalleryImageVersion and the profiles inside it).
    outputs: [
        { name: "provisioningState", from: "provisioningState" },
        ...publishingProfile.outputs,
        // The data disks' sizes come with the list Azure reports (dataDiskImages).
        { name: "storageProfile.osDiskImage.sizeInGB", from: "storageProfile.osDiskImage.sizeInGB" },
        { name: "safetyProfile.reportedForPolicyViolation", from: "safetyProfile.reportedForPolicyViolation" },
        { name: "safetyProfile.policyViolations", from: "safetyProfile.policyViolations" },
        { name: "validationsProfile", from: "validationsProfile" },
    ],
    rules: [
        described("`storageProfile` has exactly one source: `storageProfile.source.id`, `storageProfile.source.virtualMachineId`, `storageProfile.source.communityGalleryImageId`, or disk sources (`osDiskImage.source`, `dataDiskImages[].source`)", (inputs) => {
            const found = sources(inputs);
            return found.length === 1
                ? []
                : [{ property: "storageProfile", reason: `storageProfile needs exactly one source (managed image/snapshot/disk/version id, virtualMachineId, communityGalleryImageId, or disk sources); found ${found.length === 0 ? "none" : found.join(" and ")}` }];
        }),
        described("a VHD disk source (`source.uri`) comes with `source.storageAccountId`, the storage account holding the blob", (inputs) => {
            const disks = [getPath(inputs, "storageProfile.osDiskImage"), ...((getPath(inputs, "storageProfile.dataDiskImages") as unknown[]) ?? [])];
            return disks.some((d) => getPath(d, "source.uri") !== undefined && getPath(d, "source.storageAccountId") === undefined)
                ? [{ property: "storageProfile", reason: "storageProfile: a VHD source (source.uri) needs source.storageAccountId, the storage account holding the blob" }]
                : [];
        }),
        described("no target region has `encryption` while `publishingProfile.replicationMode` is `Shallow`", (inputs): CheckFailure[] =>
            String(getPath(inputs, "publishingProfile.replicationMode") ?? "").toLowerCase() === "shallow" && publishingProfile.regionsOf(inputs).some((r) => r.encryption !== undefined)
                ? [{ property: "publishingProfile.targetRegions", reason: "publishingProfile.targetRegions: encryption cannot be used with publishingProfile.replicationMode Shallow" }]
                : [],
        ),
        distinctDiskSources,
        ...publishingProfile.rules,
    ],
    cautions: [encryptionInEveryRegion],
    complete: publishingProfile.complete,
    unsettled: publishingProfile.unsettled,
    refuse: described(`a replacement is refused while \`safetyProfile.blockDeletionBeforeEndOfLife\` holds and the end-of-life date is in the future (Azure would refuse the delete it needs); ${publishingProfile.refuse.words}`, (olds, news, changes) => {
        const eol = getPath(olds, "publishingProfile.endOfLifeDate");
        if (
            changes.some((c) => c.onChange === "replace") &&
            getPath(olds, "safetyProfile.blockDeletionBeforeEndOfLife") === true &&
            typeof eol === "string" &&
            Date.parse(eol) > Date.now()
        ) {
            return `this change replaces the version, which deletes it, and Azure refuses to delete it before its end of life (${eol}) while safetyProfile.blockDeletionBeforeEndOfLife is true. Set it to false in an up of its own first, or keep the create-only properties.`;
        }
        return publishingProfile.refuse(olds, news, changes);
    }),
};
