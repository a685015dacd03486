/** Each rule of the real service, refused by the emulator with the service's status, code and target. */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, JsonValue } from "../../emulator/json";
import { arm, armDone } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";
import { parseDateTimeOffset } from "../../emulator/rules";

const rg = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
const galleries = `${rg}/providers/Microsoft.Compute/galleries`;
const image = `${galleries}/rules/images/ubuntu`;
const version = `${image}/versions/1.0.0`;
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;
const FUTURE = "2099-01-01T00:00:00Z";
const SNAP = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/snapshots/${name}`;
const EDGE = { name: "westus", extendedLocation: { name: "microsoftlosangeles1", type: "EdgeZone" }, storageAccountType: "StandardSSD_LRS" };
const ZONES = "galleryImageVersion.properties.publishingProfile.targetExtendedLocations";

const imageBody = (props: JsonObject = {}): JsonObject => ({
    location: "westus",
    properties: {
        osType: "Linux",
        osState: "Generalized",
        hyperVGeneration: "V2",
        architecture: "x64",
        eula: "https://contoso.example/eula",
        privacyStatementUri: "https://contoso.example/privacy",
        purchasePlan: { name: "plan", publisher: "contoso", product: "golden" },
        identifier: { publisher: "contoso", offer: "ubuntu", sku: "24_04" },
        features: [
            { name: "SecurityType", value: "TrustedLaunchSupported" },
            { name: "IsAcceleratedNetworkSupported", value: "True" },
        ],
        ...props,
    },
});

const versionBody = (publishing: JsonObject = {}, extra: JsonObject = {}): JsonObject => ({
    location: "westus",
    properties: {
        storageProfile: { source: { id: SOURCE } },
        publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus", storageAccountType: "Standard_LRS" }], ...publishing },
        ...extra,
    },
});

interface Case {
    rule: string;
    method: string;
    path: string;
    body?: JsonValue;
    status: number;
    code: string;
    target?: string;
    message?: RegExp;
}

const cases: Case[] = [
    { rule: "a gallery name with a dash", method: "PUT", path: `${galleries}/golden-images`, body: { location: "westus" }, status: 400, code: "InvalidParameter", target: "galleryName", message: /dashes/ },
    { rule: "a gallery name ending with an underscore", method: "PUT", path: `${galleries}/golden_`, body: { location: "westus" }, status: 400, code: "InvalidParameter", target: "galleryName", message: /trailing characters: _/ },
    { rule: "a gallery name ending with a period", method: "PUT", path: `${galleries}/golden.`, body: { location: "westus" }, status: 400, code: "InvalidParameter", target: "galleryName" },
    { rule: "a gallery name taken elsewhere in the subscription", method: "PUT", path: `/subscriptions/${SUBSCRIPTION}/resourceGroups/other/providers/Microsoft.Compute/galleries/rules`, body: { location: "westus" }, status: 409, code: "Conflict", target: "galleryName", message: /not unique within the subscription/ },
    { rule: "a resource group that does not exist", method: "PUT", path: `/subscriptions/${SUBSCRIPTION}/resourceGroups/nope/providers/Microsoft.Compute/galleries/g`, body: { location: "westus" }, status: 404, code: "ResourceGroupNotFound" },
    { rule: "a location the cloud does not have", method: "PUT", path: `${galleries}/elsewhere`, body: { location: "atlantis" }, status: 400, code: "LocationNotAvailableForResourceType" },
    { rule: "a gallery moved to another location", method: "PUT", path: `${galleries}/rules`, body: { location: "eastus" }, status: 409, code: "InvalidResourceLocation" },
    { rule: "gallery sharing permissions changed after create", method: "PATCH", path: `${galleries}/rules`, body: { properties: { sharingProfile: { permissions: "Groups" } } }, status: 409, code: "PropertyChangeNotAllowed", target: "gallery.properties.sharingProfile.permissions" },
    { rule: "a gallery delete while definitions remain", method: "DELETE", path: `${galleries}/rules`, status: 409, code: "CannotDeleteResource", message: /nested resources exist/ },

    { rule: "an image name ending with a period", method: "PUT", path: `${galleries}/rules/images/bad.`, body: imageBody(), status: 400, code: "InvalidParameter", target: "galleryImageName" },
    { rule: "an image in a gallery that does not exist", method: "PUT", path: `${galleries}/missing/images/x`, body: imageBody(), status: 404, code: "ParentResourceNotFound", message: /Parent resource 'missing' not found/ },
    { rule: "a definition without osType", method: "PUT", path: `${galleries}/rules/images/noos`, body: { location: "westus", properties: { osState: "Generalized", identifier: { publisher: "a", offer: "b", sku: "c" } } }, status: 400, code: "InvalidParameter", target: "galleryImage.properties.osType" },
    { rule: "an identifier part ending with a period", method: "PUT", path: `${galleries}/rules/images/dot`, body: imageBody({ identifier: { publisher: "contoso.", offer: "x", sku: "y" } }), status: 400, code: "InvalidParameter", target: "galleryImage.properties.identifier.publisher" },
    { rule: "an offer longer than 64 characters", method: "PUT", path: `${galleries}/rules/images/long`, body: imageBody({ identifier: { publisher: "p", offer: "o".repeat(65), sku: "y" } }), status: 400, code: "InvalidParameter", target: "galleryImage.properties.identifier.offer" },
    { rule: "publisher/offer/sku already used in the gallery", method: "PUT", path: `${galleries}/rules/images/twin`, body: imageBody(), status: 409, code: "Conflict", message: /already exists/ },
    { rule: "a definition end-of-life in the past", method: "PATCH", path: image, body: { properties: { endOfLifeDate: "2020-01-01T00:00:00Z" } }, status: 400, code: "InvalidParameter", target: "galleryImage.properties.endOfLifeDate" },
    // Dates the service's reader cannot convert (Troubleshoot gallery images; ERRORS.md §2).
    ...[["2099-02-30T00:00:00Z", "not a calendar date"], ["2099-01-01T24:00:00Z", "an hour past 23"], ["2099-06-01T00:00:00+15:00", "an offset beyond 14 hours"], ["soon", "not a date"]].map(([value, what]): Case => ({
        rule: `a definition end-of-life date that is ${what}`,
        method: "PATCH",
        path: image,
        body: { properties: { endOfLifeDate: value } },
        status: 400,
        code: "InvalidRequestFormat",
        message: new RegExp(`^Could not convert string to DateTimeOffset: ${value.replace(/[+.]/g, "\\$&")}\\. Path 'properties\\.endOfLifeDate'\\.$`),
    })),
    { rule: "a version end-of-life date that is not a calendar date", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ endOfLifeDate: "2099-04-31" }), status: 400, code: "InvalidRequestFormat", message: /^Could not convert string to DateTimeOffset: 2099-04-31\. Path 'properties\.publishingProfile\.endOfLifeDate'\.$/ },
    { rule: "recommended vCPU min above max", method: "PATCH", path: image, body: { properties: { recommended: { vCPUs: { min: 8, max: 2 } } } }, status: 400, code: "InvalidParameter", target: "galleryImage.properties.recommended.vCPUs" },
    { rule: "a security type on a generation V1 definition", method: "PUT", path: `${galleries}/rules/images/gen1`, body: imageBody({ hyperVGeneration: "V1", identifier: { publisher: "p", offer: "o", sku: "gen1" }, features: [{ name: "SecurityType", value: "TrustedLaunch" }] }), status: 400, code: "InvalidParameter", target: "galleryImage.properties.features" },
    ...["osType:Windows", "osState:Specialized", "hyperVGeneration:V1", "architecture:Arm64", "eula:https://other.example", "privacyStatementUri:https://other.example"].map((pv): Case => {
        const [prop, value] = pv.split(/:(.*)/);
        return { rule: `definition ${prop} changed`, method: "PATCH", path: image, body: { properties: { [prop]: value } }, status: 409, code: "PropertyChangeNotAllowed", target: `galleryImage.properties.${prop}` };
    }),
    ...["publisher", "offer", "sku"].map((part): Case => ({
        rule: `definition identifier.${part} changed`,
        method: "PATCH",
        path: image,
        body: { properties: { identifier: { publisher: "contoso", offer: "ubuntu", sku: "24_04", [part]: "changed" } } },
        status: 409,
        code: "PropertyChangeNotAllowed",
        target: `galleryImage.properties.identifier.${part}`,
    })),
    ...["name", "publisher", "product"].map((part): Case => ({
        rule: `definition purchasePlan.${part} changed`,
        method: "PATCH",
        path: image,
        body: { properties: { purchasePlan: { name: "plan", publisher: "contoso", product: "golden", [part]: "changed" } } },
        status: 409,
        code: "PropertyChangeNotAllowed",
        target: `galleryImage.properties.purchasePlan.${part}`,
    })),
    // Spec HostCaching: a closed enum, "Valid values are 'None', 'ReadOnly', and 'ReadWrite'".
    { rule: "an OS disk's host caching outside the closed enum", method: "PUT", path: `${image}/versions/3.0.0`, body: versionBody({}, { storageProfile: { source: { id: SOURCE }, osDiskImage: { hostCaching: "Sometimes" } } }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile.osDiskImage.hostCaching" },
    { rule: "a data disk's host caching outside the closed enum", method: "PUT", path: `${image}/versions/3.0.1`, body: versionBody({}, { storageProfile: { source: { id: SOURCE }, dataDiskImages: [{ lun: 0, hostCaching: "Sometimes" }] } }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile.dataDiskImages.hostCaching" },
    { rule: "features changed without allowUpdateImage", method: "PATCH", path: image, body: { properties: { features: [{ name: "SecurityType", value: "TrustedLaunch" }] } }, status: 409, code: "PropertyChangeNotAllowed", target: "galleryImage.properties.features" },
    { rule: "a definition delete while versions remain", method: "DELETE", path: image, status: 409, code: "CannotDeleteResource" },

    { rule: "a version name that is not major.minor.patch", method: "PUT", path: `${image}/versions/1.0`, body: versionBody(), status: 400, code: "InvalidParameter", target: "galleryImageVersionName" },
    { rule: "a version part beyond int32", method: "PUT", path: `${image}/versions/1.0.2147483648`, body: versionBody(), status: 400, code: "InvalidParameter", target: "galleryImageVersionName" },
    { rule: "a version of a definition that does not exist", method: "PUT", path: `${galleries}/rules/images/none/versions/1.0.0`, body: versionBody(), status: 404, code: "ParentResourceNotFound" },
    { rule: "a version with no source", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: {} } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile", message: /One and only one source/ },
    { rule: "a version with two sources", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: { source: { id: SOURCE, virtualMachineId: SOURCE } } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile" },
    { rule: "a malformed source id", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: { source: { id: "images/golden" } } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile.source.id" },
    { rule: "target regions without the version's location", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ targetRegions: [{ name: "eastus" }] }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions", message: /must contain the location/ },
    { rule: "a region listed twice (names compared as ARM does)", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ targetRegions: [{ name: "westus" }, { name: "West US" }] }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions", message: /Duplicate regions/ },
    { rule: "a regional replica count of 0", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ targetRegions: [{ name: "westus", regionalReplicaCount: 0 }] }), status: 400, code: "InvalidParameter", message: /out of range/ },
    // azure-compute-gallery.md, Limits: "a maximum 100 replicas per image version".
    { rule: "more than 100 replicas per version in all", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ replicaCount: 40, targetRegions: [{ name: "westus" }, { name: "eastus" }, { name: "northeurope", regionalReplicaCount: 30 }] }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions", message: /110 replicas/ },
    { rule: "a replica count above 100", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ replicaCount: 101 }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.replicaCount" },
    { rule: "a version end-of-life in the past", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ endOfLifeDate: "2021-01-01T00:00:00Z" }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.endOfLifeDate" },
    { rule: "both storageAccountType and storageAccountStrategy", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ storageAccountType: "Standard_LRS", storageAccountStrategy: "PreferStandard_ZRS" }), status: 400, code: "InvalidParameter" },
    { rule: "a version's source changed", method: "PATCH", path: version, body: { properties: { storageProfile: { source: { id: `${SOURCE}-2` } } } }, status: 409, code: "PropertyChangeNotAllowed", target: "galleryImageVersion.properties.storageProfile.source.id" },
    { rule: "a version's storage type changed", method: "PATCH", path: version, body: { properties: { publishingProfile: { storageAccountType: "Premium_LRS" } } }, status: 409, code: "PropertyChangeNotAllowed", target: "galleryImageVersion.properties.publishingProfile.storageAccountType" },
    { rule: "a version's replication mode changed", method: "PATCH", path: version, body: { properties: { publishingProfile: { replicationMode: "Shallow" } } }, status: 409, code: "PropertyChangeNotAllowed", target: "galleryImageVersion.properties.publishingProfile.replicationMode" },
    { rule: "the storage type of an existing region changed", method: "PATCH", path: version, body: { properties: { publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus", storageAccountType: "Standard_ZRS" }] } } }, status: 409, code: "PropertyChangeNotAllowed", target: "galleryImageVersion.properties.publishingProfile.targetRegions.storageAccountType" },
    // Lists are sent whole: eastus leaves its type out, so it gets the global one (PreferStandard_ZRS, the
    // default strategy since 2025-03-03: Standard_ZRS in East US), not the Standard_LRS it holds.
    { rule: "a region left without its storage type that holds another than the global one", method: "PATCH", path: version, body: { properties: { publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus" }] } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions", message: /^Global storage account type does not match the storage account type in the existing TargetRegion: 'East US'\. Please specify 'Standard_LRS' as the storage account type for this region\.$/ },
    { rule: "encryption added to an existing region", method: "PATCH", path: version, body: { properties: { publishingProfile: { targetRegions: [{ name: "westus", encryption: { osDiskImage: { diskEncryptionSetId: `${SOURCE}/des` } } }, { name: "eastus" }] } } }, status: 409, code: "PropertyChangeNotAllowed", target: "galleryImageVersion.properties.publishingProfile.targetRegions.encryption" },
    { rule: "a replicated region removed without allowDeletionOfReplicatedLocations", method: "PATCH", path: version, body: { properties: { publishingProfile: { targetRegions: [{ name: "westus" }] } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions", message: /allowDeletionOfReplicatedLocations/ },
    { rule: "the storage type of an existing edge zone changed", method: "PATCH", path: version, body: { properties: { publishingProfile: { targetExtendedLocations: [{ ...EDGE, storageAccountType: "Premium_LRS" }] } } }, status: 409, code: "PropertyChangeNotAllowed", target: `${ZONES}.storageAccountType` },
    { rule: "an edge-zone storage type outside the edge-zone list", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ targetExtendedLocations: [{ ...EDGE, storageAccountType: "PremiumV2_LRS" }] }), status: 400, code: "InvalidParameter", target: `${ZONES}.storageAccountType` },
    { rule: "an edge-zone replica count of 0", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ targetExtendedLocations: [{ ...EDGE, extendedLocationReplicaCount: 0 }] }), status: 400, code: "InvalidParameter", message: /out of range/ },
    { rule: "a direct-drive replica set count of 0", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ targetRegions: [{ name: "westus", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 0 }] }] }), status: 400, code: "InvalidParameter", message: /out of range/ },
    { rule: "a version moved to another location", method: "PUT", path: version, body: { ...versionBody(), location: "eastus" }, status: 409, code: "InvalidResourceLocation" },

    // Members the body's type does not declare (spec definitions; InvalidRequestContent).
    { rule: "an unknown top-level member", method: "PUT", path: `${galleries}/strict`, body: { location: "westus", kind: "x" }, status: 400, code: "InvalidRequestContent", message: /Could not find member 'kind' on object of type 'Gallery'\. Path 'kind'/ },
    { rule: "an unknown properties member", method: "PATCH", path: image, body: { properties: { osVersion: "24.04" } }, status: 400, code: "InvalidRequestContent", message: /member 'osVersion' on object of type 'GalleryImageProperties'\. Path 'properties\.osVersion'/ },
    { rule: "an unknown member deep in a version", method: "PATCH", path: version, body: { properties: { publishingProfile: { targetRegions: [{ name: "westus", zone: "1" }] } } }, status: 400, code: "InvalidRequestContent", message: /Path 'properties\.publishingProfile\.targetRegions\[0\]\.zone'/ },
    { rule: "a location in a PATCH (GalleryUpdate has none)", method: "PATCH", path: `${galleries}/rules`, body: { location: "westus" }, status: 400, code: "InvalidRequestContent", message: /type 'GalleryUpdate'/ },
    { rule: "an identity on a definition (only galleries have one)", method: "PATCH", path: image, body: { identity: { type: "SystemAssigned" } }, status: 400, code: "InvalidRequestContent" },

    // A PUT replaces: leaving out a create-only value that is set is a change.
    ...["eula", "privacyStatementUri"].map((prop): Case => {
        const body = imageBody();
        delete (body.properties as JsonObject)[prop];
        return { rule: `a PUT of the definition without its ${prop}`, method: "PUT", path: image, body, status: 409, code: "PropertyChangeNotAllowed", target: `galleryImage.properties.${prop}` };
    }),
    { rule: "a PUT of the definition without its purchase plan", method: "PUT", path: image, body: imageBody({ purchasePlan: undefined }), status: 409, code: "PropertyChangeNotAllowed", target: "galleryImage.properties.purchasePlan.name" },
    { rule: "a PUT of the definition without its features (they would change to the default)", method: "PUT", path: image, body: imageBody({ features: undefined }), status: 409, code: "PropertyChangeNotAllowed", target: "galleryImage.properties.features" },
    { rule: "a PUT of the version without targetRegions, dropping a replicated region", method: "PUT", path: version, body: { location: "westus", properties: { storageProfile: { source: { id: SOURCE } } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions", message: /eastus/ },

    // Storage a region cannot hold (regions.ts tables).
    { rule: "Standard_ZRS in a region without availability zones", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ targetRegions: [{ name: "westus", storageAccountType: "Standard_ZRS" }] }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions.storageAccountType", message: /ZRS storage account type is not supported in this region/ },
    { rule: "a publishing-level Standard_ZRS reaching a region without zones", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ storageAccountType: "Standard_ZRS", targetRegions: [{ name: "westus" }] }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.storageAccountType" },
    { rule: "Standard_ZRS added to an existing version in a region without zones", method: "PATCH", path: version, body: { properties: { publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus", storageAccountType: "Standard_LRS" }, { name: "ukwest", storageAccountType: "Standard_ZRS" }] } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions.storageAccountType" },
    { rule: "PremiumV2_LRS in a region without Premium SSD v2", method: "PUT", path: `${galleries}/rules/images/ubuntu/versions/2.0.0`, body: versionBody({ targetRegions: [{ name: "westus" }, { name: "koreasouth", storageAccountType: "PremiumV2_LRS" }] }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions.storageAccountType", message: /PremiumV2_LRS/ },
    { rule: "direct-drive replicas in a region without Premium SSD v2", method: "PUT", path: `${image}/versions/2.0.0`, body: versionBody({ targetRegions: [{ name: "westus" }, { name: "qatarcentral", additionalReplicaSets: [{ storageAccountType: "PremiumV2_LRS", regionalReplicaCount: 1 }] }] }), status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.publishingProfile.targetRegions.additionalReplicaSets.storageAccountType" },

    // ARM's tag limits (tags.ts).
    { rule: "51 tags", method: "PATCH", path: `${galleries}/rules`, body: { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])) }, status: 400, code: "InvalidTags", message: /Requested tag count - '51'/ },
    { rule: "a tag name of 513 characters", method: "PATCH", path: `${galleries}/rules`, body: { tags: { ["n".repeat(513)]: "v" } }, status: 400, code: "InvalidTagName" },
    { rule: "a tag value of 257 characters", method: "PATCH", path: `${galleries}/rules`, body: { tags: { team: "v".repeat(257) } }, status: 400, code: "InvalidTagValueLength" },
    { rule: "a tag name with a reserved character", method: "PUT", path: `${galleries}/rules/images/tagged`, body: { ...imageBody(), tags: { "cost/center": "1" } }, status: 400, code: "InvalidTagNameCharacters" },

    // Feature values outside the documented ones.
    ...[["SecurityType", "TrustedLaunchV2"], ["IsAcceleratedNetworkSupported", "Yes"], ["IsHibernateSupported", "1"], ["DiskControllerTypes", "NVMe, IDE"], ["DiskControllerTypes", "SCSI, SCSI"]].map(([name, value]): Case => ({
        rule: `feature ${name}=${value}`,
        method: "PUT",
        path: `${galleries}/rules/images/featured`,
        body: imageBody({ identifier: { publisher: "p", offer: "o", sku: "featured" }, features: [{ name, value }] }),
        status: 400,
        code: "InvalidParameter",
        target: "galleryImage.properties.features",
    })),

    // Sources (sources.ts).
    { rule: "a source id that is neither a managed image, a VM nor a version", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: { source: { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/snapshots/s1` } } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile.source.id", message: /must either be a managed image, virtual machine or another gallery image version/ },
    { rule: "a disk source that is not a disk or snapshot", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: { osDiskImage: { source: { id: SOURCE } } } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile.osDiskImage.source.id", message: /must be a managed disk or snapshot/ },

    { rule: "a data-disk source that is not a disk or snapshot", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: { osDiskImage: { source: { id: SNAP("os") } }, dataDiskImages: [{ lun: 0, source: { id: SOURCE } }] } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile.dataDiskImages.source.id", message: /^The source id: .* must be a managed disk or snapshot$/ },
    { rule: "a malformed data-disk source id", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: { osDiskImage: { source: { id: SNAP("os") } }, dataDiskImages: [{ lun: 0, source: { id: "snapshots/data" } }] } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile.dataDiskImages.source.id", message: /^Property id snapshots\/data at path 'properties\.storageProfile\.dataDiskImages\.source\.id' is invalid\./ },
    { rule: "two data disks on one LUN", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: { osDiskImage: { source: { id: SNAP("os") } }, dataDiskImages: [{ lun: 1, source: { id: SNAP("d1") } }, { lun: 1, source: { id: SNAP("d2") } }] } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile.dataDiskImages", message: /^Duplicated lun numbers have been detected in the input data disks\. Lun number must be unique for each data disk$/ },
    { rule: "the OS disk and a data disk from the same snapshot", method: "PUT", path: `${image}/versions/2.0.0`, body: { location: "westus", properties: { storageProfile: { osDiskImage: { source: { id: SNAP("os") } }, dataDiskImages: [{ lun: 0, source: { id: SNAP("OS") } }] } } }, status: 400, code: "InvalidParameter", target: "galleryImageVersion.properties.storageProfile", message: /^Duplicated source ids are found in the input disks\. Source id should be unique for each disk$/ },

    // Query options outside the spec's enums (query.ts).
    { rule: "an unknown $expand on a version", method: "GET", path: `${version}?$expand=ReplicationStatus,Everything`, status: 400, code: "InvalidParameter", target: "$expand" },
    { rule: "an unknown $select on a gallery", method: "GET", path: `${galleries}/rules?$select=Name`, status: 400, code: "InvalidParameter", target: "$select" },
];

describe("the service's rules, as the emulator applies them", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator();
        const ok = async (method: string, path: string, body?: JsonValue) => {
            const r = await armDone(emulator, method, path, body);
            assert.ok(r.status < 300 && r.operation === "Succeeded", `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
        };
        await ok("PUT", `/subscriptions/${SUBSCRIPTION}/resourceGroups/other`, { location: "westus" });
        await ok("PUT", `${galleries}/rules`, { location: "westus" });
        await ok("PUT", image, imageBody());
        await ok("PUT", version, versionBody({ targetExtendedLocations: [EDGE] }));
    });
    after(async () => emulator.stop());

    it("asks for a bearer token (401) and an api-version (400)", async () => {
        const noToken = await arm(emulator, "GET", `${galleries}/rules`, undefined, { token: null });
        assert.strictEqual(noToken.status, 401);
        assert.strictEqual(noToken.body.error && (noToken.body.error as JsonObject).code, "AuthenticationFailed");
        const noVersion = await arm(emulator, "GET", `${galleries}/rules`, undefined, { apiVersion: null });
        assert.strictEqual(noVersion.status, 400);
        assert.strictEqual((noVersion.body.error as JsonObject).code, "MissingApiVersionParameter");
    });

    for (const c of cases) {
        it(`refuses ${c.rule}`, async () => {
            const resource = c.path.split("?")[0];
            const before = JSON.stringify(emulator.service.get(resource) ?? null);
            const res = await arm(emulator, c.method, c.path, c.body);
            const error = (res.body.error ?? {}) as JsonObject;
            assert.strictEqual(res.status, c.status, JSON.stringify(res.body));
            assert.strictEqual(error.code, c.code);
            if (c.target) assert.strictEqual(error.target, c.target);
            if (c.message) assert.match(String(error.message), c.message);
            assert.strictEqual(JSON.stringify(emulator.service.get(resource) ?? null), before, "a refused request changes nothing");
        });
    }

    it("judges a definition's recommended bounds on what it holds after a PATCH: a maximum below the minimum it holds is refused (ERRORS.md)", async () => {
        const min = await armDone(emulator, "PATCH", image, { properties: { recommended: { vCPUs: { min: 4 } } } });
        assert.strictEqual(min.status, 200, JSON.stringify(min.body));
        const max = await arm(emulator, "PATCH", image, { properties: { recommended: { vCPUs: { max: 2 } } } });
        assert.deepStrictEqual([max.status, (max.body.error as JsonObject).code, (max.body.error as JsonObject).target], [400, "InvalidParameter", "galleryImage.properties.recommended.vCPUs"]);
        const whole = await armDone(emulator, "PUT", image, imageBody({ recommended: { vCPUs: { max: 2 } } }));
        assert.strictEqual(whole.status, 200, "a PUT replaces the bounds: judged on its own");
        await armDone(emulator, "PUT", image, imageBody());
    });

    it("allows what the rules allow: feature update with allowUpdateImage, region removal with the safety flag, a new region with its own storage type", async () => {
        const features = await armDone(emulator, "PATCH", image, { properties: { allowUpdateImage: true, features: [{ name: "SecurityType", value: "TrustedLaunch" }] } });
        assert.strictEqual(features.status, 200, JSON.stringify(features.body));
        const added = await armDone(emulator, "PATCH", version, { properties: { publishingProfile: { targetRegions: [{ name: "westus" }, { name: "eastus", storageAccountType: "Standard_LRS" }, { name: "northeurope", storageAccountType: "Standard_ZRS" }] } } });
        assert.strictEqual(added.status, 200, JSON.stringify(added.body));
        const removed = await armDone(emulator, "PATCH", version, { properties: { safetyProfile: { allowDeletionOfReplicatedLocations: true }, publishingProfile: { targetRegions: [{ name: "westus" }] } } });
        assert.strictEqual(removed.status, 200, JSON.stringify(removed.body));
    });

    it("allows a PUT without targetRegions to drop replicated regions when safetyProfile.allowDeletionOfReplicatedLocations is true", async () => {
        const v = `${image}/versions/4.0.0`;
        await armDone(emulator, "PUT", v, versionBody());
        const put = await armDone(emulator, "PUT", v, { location: "westus", properties: { storageProfile: { source: { id: SOURCE } }, safetyProfile: { allowDeletionOfReplicatedLocations: true } } });
        assert.strictEqual(put.status, 200, JSON.stringify(put.body));
        const regions = ((put.body.properties as JsonObject).publishingProfile as JsonObject).targetRegions as JsonObject[];
        assert.deepStrictEqual(regions.map((r) => r.name), ["West US"]);
    });

    it("accepts a virtual machine's id in storageProfile.source.id: it \"must either be a managed image, virtual machine or another gallery image version\" (Troubleshoot gallery images)", async () => {
        const vm = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/virtualMachines/builder`;
        const res = await armDone(emulator, "PUT", `${image}/versions/5.0.0`, { location: "westus", properties: { storageProfile: { source: { id: vm } } } });
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
    });

    it("accepts the guide's date formats: yyyy-MM-dd and a date-time without an offset, read as UTC whatever the machine's time zone", async () => {
        for (const value of ["2099-01-01", "2099-01-01T12:00:00", "2096-02-29T00:00:00+14:00", "2099-01-01T00:00:00.1234567Z"]) {
            const res = await armDone(emulator, "PATCH", image, { properties: { endOfLifeDate: value } });
            assert.strictEqual(res.status, 200, `${value}: ${JSON.stringify(res.body)}`);
        }
        assert.strictEqual(parseDateTimeOffset("2099-01-01T12:00:00"), Date.UTC(2099, 0, 1, 12));
        assert.strictEqual(parseDateTimeOffset("2099-01-01T12:00:00-05:30"), Date.UTC(2099, 0, 1, 17, 30));
        assert.strictEqual(parseDateTimeOffset("2100-02-29"), undefined, "2100 is no leap year");
    });

    it("accepts the documented feature values, in any case and order", async () => {
        const features = [
            { name: "SecurityType", value: "trustedlaunchandconfidentialvmsupported" },
            { name: "DiskControllerTypes", value: "NVMe,SCSI" },
            { name: "IsAcceleratedNetworkSupported", value: "true" },
            { name: "IsHibernateSupported", value: "False" },
            { name: "SomeFutureFeature", value: "anything" },
        ];
        const res = await armDone(emulator, "PUT", `${galleries}/rules/images/documented`, imageBody({ identifier: { publisher: "p", offer: "o", sku: "documented" }, features }));
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        const plain = await armDone(emulator, "PUT", `${galleries}/rules/images/scsi`, imageBody({ identifier: { publisher: "p", offer: "o", sku: "scsi" }, features: [{ name: "DiskControllerTypes", value: "SCSI" }] }));
        assert.strictEqual(plain.status, 201, JSON.stringify(plain.body));
    });

    it("refuses to delete a version before its end of life while blockDeletionBeforeEndOfLife holds", async () => {
        const v = `${image}/versions/3.0.0`;
        const created = await armDone(emulator, "PUT", v, versionBody({ endOfLifeDate: FUTURE }, { safetyProfile: { blockDeletionBeforeEndOfLife: true } }));
        assert.strictEqual(created.status, 201, JSON.stringify(created.body));
        const refused = await arm(emulator, "DELETE", v);
        assert.strictEqual(refused.status, 409);
        assert.strictEqual((refused.body.error as JsonObject).code, "DeleteGalleryImageVersionBlockedBeforeEndOfLife");
        await armDone(emulator, "PATCH", v, { properties: { safetyProfile: { blockDeletionBeforeEndOfLife: false } } });
        // Accepted as a long-running delete (202, as Gallery_Delete.json allows), as the service answers.
        const deleted = await armDone(emulator, "DELETE", v);
        assert.deepStrictEqual([deleted.status, deleted.operation], [202, "Succeeded"]);
    });
});
