/**
 * What the service fills in when a request leaves a value out, by api-version.
 */
import { JsonObject, arr, obj, str } from "./json";
import { hasAvailabilityZones } from "./regions";

/** api-versions are dates, so they compare as strings. */
export const atLeast = (apiVersion: string, since: string) => apiVersion >= since;

/**
 * Definitions. Microsoft Learn "Store and share resources in Azure Compute Gallery", Trusted Launch
 * validation (MicrosoftDocs/azure-compute-docs articles/virtual-machines/azure-compute-gallery.md):
 * "Starting with API 2025-03-03, all new Compute Gallery image definitions default to
 * hyperVGeneration: V2, SecurityType: TrustedLaunchSupported" — applied when the SecurityType
 * feature is absent or null; `Standard` opts out. Before 2025-03-03 the Hyper-V generation defaults
 * to V1 ("Default is generation 1", articles/virtual-machines/shared-image-galleries.md) and no
 * SecurityType is added. Architecture x64 (MUTABILITY.md: the platform's default; not echoed by the
 * official examples, kept because an image without one is an x64 image).
 */
export function imageDefaults(props: JsonObject, apiVersion: string): JsonObject {
    const modern = atLeast(apiVersion, "2025-03-03");
    props.hyperVGeneration ??= modern ? "V2" : "V1";
    props.architecture ??= "x64";
    const features = arr(props.features).map(obj);
    const security = features.find((f) => str(f.name)?.toLowerCase() === "securitytype");
    // Trusted launch needs generation 2 (Trusted launch overview), so a V1 definition gets no default.
    if (modern && str(props.hyperVGeneration)?.toUpperCase() === "V2" && str(security?.value) === undefined) {
        props.features = [...features.filter((f) => f !== security), { name: "SecurityType", value: "TrustedLaunchSupported" }];
    }
    return props;
}

/**
 * How a version picks a region's storage account type when the region does not name one: a
 * publishing-level `storageAccountType`, a `storageAccountStrategy`, or, with neither, the
 * service's default. Spec (StorageAccountStrategy.PreferStandard_ZRS): "Choose Standard_ZRS
 * storage if the region supports it, else choose Standard_LRS … If no storageAccountStrategy is
 * specified, this is the default strategy (from API version 2025-03-03 onwards)". Before that the
 * default is Standard_LRS (azure-compute-gallery.md, High availability: "The default storage
 * account type is Standard LRS").
 */
export function storageDefault(pub: JsonObject, apiVersion: string): string {
    return str(pub.storageAccountType) ?? str(pub.storageAccountStrategy) ?? (atLeast(apiVersion, "2025-03-03") ? "PreferStandard_ZRS" : "Standard_LRS");
}

export function regionStorageType(storageDefaultValue: string, region: string): string {
    switch (storageDefaultValue) {
        case "PreferStandard_ZRS":
            return hasAvailabilityZones(region) ? "Standard_ZRS" : "Standard_LRS";
        case "DefaultStandard_LRS":
            return "Standard_LRS";
        default:
            return storageDefaultValue;
    }
}

/**
 * Publishing-level echoes the official create examples show for a request that names neither a
 * storage type nor a strategy (GalleryImageVersion_Create.json, _WithVmAsSource.json:
 * `storageAccountType: "Standard_LRS"`); with a strategy, the strategy alone is reported
 * (_WithStorageAccountStrategy.json).
 */
export function publishingDefaults(pub: JsonObject): void {
    if (pub.storageAccountType === undefined && pub.storageAccountStrategy === undefined) pub.storageAccountType = "Standard_LRS";
}

/** Values a version's create-only members take when left out (spec: ReplicationMode defaults to Full). */
export const VERSION_OMITTED: Record<string, string> = { "publishingProfile.replicationMode": "Full" };
