/**
 * The service's own validation, written from azure-spec (ERRORS.md, MUTABILITY.md and the
 * swagger). Deliberately independent of the provider's rule tables: the two must be able to disagree.
 */
import { ArmError, invalidParameter, propertyChangeNotAllowed } from "./armError";
import { JsonObject, JsonValue, arr, clone, isObject, jsonEqual, obj, str } from "./json";
import { VERSION_OMITTED, imageDefaults, publishingDefaults, regionStorageType } from "./defaults";
import { Cloud, cloudOf, displayName, hasAvailabilityZones, knownRegionKeys, regionKey, supportsPremiumV2 } from "./regions";

const INT32_MAX = 2147483647;

/** A region of the emulated cloud, as its display name; a region of another cloud is not available here. */
export function requireKnownRegion(location: string | undefined, resourceType: string, cloud: Cloud = "AzureCloud"): string {
    if (!location) {
        throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
    }
    const display = displayName(location);
    if (!display || cloudOf(location) !== cloud) {
        throw new ArmError(
            400,
            "LocationNotAvailableForResourceType",
            `The provided location '${location}' is not available for resource type '${resourceType}'. ` +
                `List of available regions for the resource type is '${knownRegionKeys(cloud).join(",")}'.`,
        );
    }
    return display;
}

// ---------- names ----------

export function checkGalleryName(name: string): void {
    if (!/^[A-Za-z0-9._]{1,80}$/.test(name) || !/^[A-Za-z0-9]/.test(name)) {
        throw invalidParameter(
            "galleryName",
            "Gallery name is invalid. Allowed characters are English alphanumeric characters, with underscores, and periods allowed in the middle, up to 80 characters total. All other special characters, including dashes, are disallowed.",
        );
    }
    const trailing = name.match(/[._]+$/);
    if (trailing) {
        throw invalidParameter(
            "galleryName",
            `The provided resource name ${name} has these invalid trailing characters: ${trailing[0]}. The name can not end with characters: ${trailing[0]}`,
        );
    }
}

const ENTITY_NAME = /^[^_\W][\w-._]{0,79}(?<![-.])$/;

export function checkImageName(name: string): void {
    if (!ENTITY_NAME.test(name)) {
        throw invalidParameter(
            "galleryImageName",
            `The entity name ${name} is invalid according to its validation rule: ${ENTITY_NAME.source}`,
        );
    }
}

export function checkVersionName(name: string): void {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(name);
    if (!m || m.slice(1).some((p) => Number(p) > INT32_MAX)) {
        throw invalidParameter(
            "galleryImageVersionName",
            "The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, where int is between 0 and 2,147,483,647 (inclusive). For e.g: 1.0.0, 2018.12.1 etc",
        );
    }
}

// ---------- shared helpers ----------

export function requireEnum(value: JsonValue | undefined, allowed: string[], target: string, required = false): void {
    if (value === undefined || value === null) {
        if (required) throw invalidParameter(target, `Required parameter '${target}' is missing (null).`);
        return;
    }
    if (typeof value !== "string" || !allowed.some((a) => a.toLowerCase() === value.toLowerCase())) {
        throw invalidParameter(target, `The value '${String(value)}' of parameter '${target}' is not valid. Allowed values are: ${allowed.join(", ")}.`);
    }
}

/**
 * A date-time as the service reads one (spec: `format: date-time`; the service's reader takes a
 * DateTimeOffset). An ISO 8601 date, with or without a time and an offset, must name a real calendar
 * date and time: "2099-02-30" is refused, where JavaScript's Date.parse would roll it over to March.
 * Without an offset the value is taken as UTC: Troubleshoot gallery images asks for "a date in the
 * yyyy-MM-dd, yyyy-MM-dd'T'HH:mm:sszzz, or ISO 8601-valid format", so a bare date (no offset, although
 * RFC 3339 requires one) is accepted, and the emulator does not let the machine's own time zone decide
 * when it falls. Other spellings go to Date.parse, as lenient as the service's reader is documented to be
 * in no public source. Returns epoch milliseconds, or undefined for no date.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;

export function parseDateTimeOffset(value: string): number | undefined {
    const m = ISO_DATE.exec(value.trim());
    if (!m) {
        const t = Date.parse(value);
        return Number.isNaN(t) ? undefined : t;
    }
    const [year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone = "Z"] = m.slice(1);
    const [y, mo, d, h, mi, sec] = [year, month, day, hour, minute, second].map(Number);
    const daysInMonth = mo >= 1 && mo <= 12 ? new Date(Date.UTC(2000, mo, 0)).getUTCDate() + (mo === 2 && !isLeapYear(y) ? -1 : 0) : 0;
    if (y < 1 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || sec > 59) return undefined;
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== "Z") {
        const [oh, om] = zone.slice(1).split(":").map(Number);
        if (oh > 14 || om > 59 || oh * 60 + om > 14 * 60) return undefined;
        offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
    }
    const ms = Number(`0.${fraction || "0"}`) * 1000;
    const utc = new Date(0);
    utc.setUTCFullYear(y, mo - 1, d);
    utc.setUTCHours(h, mi, sec, ms);
    return utc.getTime() - offsetMinutes * 60_000;
}

function isLeapYear(y: number): boolean {
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * An end-of-life date: a date the service can read (Troubleshoot gallery images: "Could not convert
 * string to DateTimeOffset: <value>. Path 'properties.<property>'", the path being the member's place in
 * the request body), then one in the future ("EndOfLifeDate must be set to a future date.").
 */
export function requireFutureDate(value: JsonValue | undefined, target: string, bodyPath: string, now: number): void {
    if (value === undefined || value === null) return;
    const t = typeof value === "string" ? parseDateTimeOffset(value) : undefined;
    if (t === undefined) {
        throw new ArmError(400, "InvalidRequestFormat", `Could not convert string to DateTimeOffset: ${String(value)}. Path '${bodyPath}'.`, target);
    }
    if (t <= now) {
        throw invalidParameter(target, "EndOfLifeDate must be set to a future date.");
    }
}

export function requireRange(value: JsonValue | undefined, min: number, max: number, target: string): void {
    if (value === undefined || value === null) return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw invalidParameter(
            target,
            `The value ${String(value)} of parameter ${target} is out of range. The value must be between ${min} and ${max}, inclusive`,
        );
    }
}

/**
 * Create-only paths: a request that carries a different value is refused (409
 * PropertyChangeNotAllowed, ERRORS.md §1-§3). A PATCH that leaves a path out keeps it. A PUT
 * replaces the resource (ARM's PUT is create-or-replace), so leaving out a value that is set asks
 * for its default, or for none, and is refused as a change too. No public answer shows the service
 * keeping an omitted create-only value. `omitted` gives the value a path takes when left out.
 */
function refuseChanges(prefix: string, paths: string[], before: JsonObject, request: JsonObject, isPut: boolean, omitted: Record<string, string> = {}): void {
    for (const p of paths) {
        const parts = p.split(".");
        const inRequest = dig(request, parts) ?? (isPut ? omitted[p] : undefined);
        const old = dig(before, parts) ?? omitted[p];
        if (inRequest === undefined && (!isPut || old === undefined)) continue;
        if (!jsonEqual(normalizeForCompare(old), normalizeForCompare(inRequest))) {
            throw propertyChangeNotAllowed(`${prefix}.${p}`);
        }
    }
}

function normalizeForCompare(v: JsonValue | undefined): JsonValue | undefined {
    if (typeof v === "string") return v.toLowerCase();
    if (isObject(v)) {
        const out: JsonObject = {};
        for (const [k, x] of Object.entries(v)) out[k] = normalizeForCompare(x);
        return out;
    }
    if (Array.isArray(v)) return v.map((x) => normalizeForCompare(x) ?? null);
    return v;
}

export function dig(o: JsonValue | undefined, parts: string[]): JsonValue | undefined {
    let cur: JsonValue | undefined = o;
    for (const p of parts) {
        if (!isObject(cur)) return undefined;
        cur = cur[p];
    }
    return cur;
}

// ---------- gallery ----------

export function checkGallery(props: JsonObject, existing: JsonObject | undefined, isPut: boolean, cloud: Cloud = "AzureCloud"): void {
    const sharing = obj(props.sharingProfile);
    requireEnum(sharing.permissions, ["Private", "Groups", "Community"], "gallery.properties.sharingProfile.permissions");
    // Direct shared galleries and community galleries: "The feature is not available in government
    // clouds." (share-gallery-direct.md, Limitations) and "The feature isn't available in government
    // clouds." (share-gallery-community.md, Limitations); ERRORS.md §1 [SD], [SC]. No public answer
    // quotes the refusal: 400 InvalidParameter on the permissions, as for the other refused values.
    const asked = str(sharing.permissions);
    if (cloud === "AzureUSGovernment" && asked && ["groups", "community"].includes(asked.toLowerCase())) {
        throw invalidParameter(
            "gallery.properties.sharingProfile.permissions",
            `Sharing a gallery with permissions '${asked}' is not available in the ${cloud} cloud; only 'Private' galleries, shared through Azure RBAC, can be created here.`,
        );
    }
    // A PUT without a sharing profile asks for a private gallery (the permissions' default).
    if (existing && (isPut || props.sharingProfile !== undefined)) {
        const before = str(obj(existing.sharingProfile).permissions) ?? "Private";
        const after = str(sharing.permissions) ?? (isPut ? "Private" : before);
        if (before.toLowerCase() !== after.toLowerCase()) {
            throw propertyChangeNotAllowed("gallery.properties.sharingProfile.permissions");
        }
    }
    if (str(sharing.permissions)?.toLowerCase() === "community") {
        const info = obj(sharing.communityGalleryInfo);
        for (const f of ["publisherUri", "publisherContact", "eula", "publicNamePrefix"]) {
            if (!str(info[f])) {
                throw invalidParameter(
                    `gallery.properties.sharingProfile.communityGalleryInfo.${f}`,
                    `Required parameter 'communityGalleryInfo.${f}' is missing (null).`,
                );
            }
        }
    }
}

/**
 * A gallery shared with the community is deleted only once its sharing is reset: "To delete a gallery
 * that's shared with the community, you must first run `az sig share reset` to stop sharing. Then you
 * can delete the gallery." (Microsoft Learn, share-gallery-community.md, ERRORS.md §1 [SC]). No public
 * answer quotes the refusal: 409 OperationNotAllowed like the service's other refusals of an operation
 * in the resource's present state, and a message saying what the page says. The direct-sharing page
 * (share-gallery-direct.md) asks nothing of the kind before a delete, so a gallery shared with
 * subscriptions or tenants is deleted as any other.
 */
export function checkDeletableGallery(name: string, props: JsonObject): void {
    const sharing = obj(props.sharingProfile);
    if (str(sharing.permissions)?.toLowerCase() === "community" && obj(sharing.communityGalleryInfo).communityGalleryEnabled === true) {
        throw new ArmError(
            409,
            "OperationNotAllowed",
            `Gallery '${name}' is shared with the community and cannot be deleted. Stop sharing it first (POST .../share with operationType 'Reset'), then delete it.`,
        );
    }
}

/**
 * How many subscriptions and tenants one gallery may be shared with: "You can share up to 30
 * subscriptions and 5 tenants." (share-gallery-direct.md and azure-compute-gallery.md, direct shared
 * gallery limitations; ERRORS.md §1 [SD]). No public answer quotes the refusal: 400 InvalidParameter on
 * the request's groups, as for the other refused request values.
 */
export const SHARING_LIMITS: Record<string, number> = { Subscriptions: 30, AADTenants: 5 };

export function checkSharingLimits(groups: JsonObject[]): void {
    for (const g of groups) {
        const type = str(g.type) ?? "";
        const limit = SHARING_LIMITS[type];
        const count = arr(g.ids).length;
        if (limit !== undefined && count > limit) {
            throw invalidParameter(
                "sharingUpdate.groups",
                `A gallery can be shared with at most ${limit} ${type === "AADTenants" ? "tenants" : "subscriptions"}; this request would share it with ${count}.`,
            );
        }
    }
}

// ---------- image definition ----------

const SECURITY_TYPES_NEEDING_V2 = [
    "trustedlaunch",
    "trustedlaunchsupported",
    "confidentialvm",
    "confidentialvmsupported",
    "trustedlaunchandconfidentialvmsupported",
];

export const IMAGE_CREATE_ONLY = [
    "osType",
    "osState",
    "hyperVGeneration",
    "identifier.publisher",
    "identifier.offer",
    "identifier.sku",
    "eula",
    "privacyStatementUri",
    "purchasePlan.name",
    "purchasePlan.publisher",
    "purchasePlan.product",
    "architecture",
];

function checkIdentifierPart(value: JsonValue | undefined, part: string, max: number): void {
    const target = `galleryImage.properties.identifier.${part}`;
    const s = str(value);
    if (!s || !/^[A-Za-z0-9._-]+$/.test(s) || s.endsWith(".") || s.length > max) {
        throw invalidParameter(
            target,
            `Asset name ${target} is not valid. It cannot be empty. Allowed characters are uppercase or lowercase letters, digits, hyphen(-), period (.), underscore (_). Names are not allowed to end with period(.). The length of the name cannot exceed ${max} characters.`,
        );
    }
}

/**
 * Documented feature values (Microsoft Learn "Store and share images in an Azure Compute Gallery",
 * Image definitions, features and SecurityType tables, articles/virtual-machines/
 * shared-image-galleries.md; `Standard` from azure-compute-gallery.md, the opt-out of the
 * Trusted Launch default). Compared case-insensitively. Other feature names are not documented
 * as closed and pass untouched.
 */
const FEATURE_VALUES: Record<string, string[]> = {
    securitytype: ["Standard", "TrustedLaunch", "TrustedLaunchSupported", "ConfidentialVM", "ConfidentialVMSupported", "TrustedLaunchAndConfidentialVmSupported"],
    isacceleratednetworksupported: ["True", "False"],
    ishibernatesupported: ["True", "False"],
};

/** DiskControllerTypes accepts `SCSI` or `SCSI, NVMe` (same table), in either order; a repeated type is not one of those values. */
const DISK_CONTROLLER_SETS = [["scsi"], ["nvme", "scsi"]];

function checkFeatures(features: JsonValue | undefined): void {
    const target = "galleryImage.properties.features";
    for (const f of arr(features).map(obj)) {
        const name = str(f.name) ?? "";
        const value = str(f.value);
        if (value === undefined) continue;
        const key = name.toLowerCase();
        if (key === "diskcontrollertypes") {
            const types = value.split(",").map((t) => t.trim().toLowerCase()).sort();
            if (!DISK_CONTROLLER_SETS.some((set) => jsonEqual(set, types))) {
                throw invalidParameter(target, `The value '${value}' of gallery image feature '${name}' is not valid. Allowed values are: SCSI, 'SCSI, NVMe'.`);
            }
            continue;
        }
        const allowed = FEATURE_VALUES[key];
        if (allowed && !allowed.some((a) => a.toLowerCase() === value.toLowerCase())) {
            throw invalidParameter(target, `The value '${value}' of gallery image feature '${name}' is not valid. Allowed values are: ${allowed.join(", ")}.`);
        }
    }
}

export function checkImage(props: JsonObject, existing: JsonObject | undefined, isPut: boolean, now: number, apiVersion: string): void {
    if (isPut) {
        requireEnum(props.osType, ["Windows", "Linux"], "galleryImage.properties.osType", true);
        requireEnum(props.osState, ["Generalized", "Specialized"], "galleryImage.properties.osState", true);
        if (!isObject(props.identifier)) {
            throw invalidParameter("galleryImage.properties.identifier", "Required parameter 'galleryImage.properties.identifier' is missing (null).");
        }
    }
    if (props.identifier !== undefined) {
        const id = obj(props.identifier);
        checkIdentifierPart(id.publisher, "publisher", 128);
        checkIdentifierPart(id.offer, "offer", 64);
        checkIdentifierPart(id.sku, "sku", 64);
    }
    requireEnum(props.osType, ["Windows", "Linux"], "galleryImage.properties.osType");
    requireEnum(props.osState, ["Generalized", "Specialized"], "galleryImage.properties.osState");
    requireEnum(props.hyperVGeneration, ["V1", "V2"], "galleryImage.properties.hyperVGeneration");
    requireEnum(props.architecture, ["x64", "Arm64"], "galleryImage.properties.architecture");
    requireFutureDate(props.endOfLifeDate, "galleryImage.properties.endOfLifeDate", "properties.endOfLifeDate", now);
    for (const r of ["vCPUs", "memory"]) {
        // Judged on what the definition holds after the request: a PATCH merges the bounds it sends into the ones held.
        const range = { ...(isPut ? {} : obj(obj(existing?.recommended)[r])), ...obj(obj(props.recommended)[r]) };
        if (typeof range.min === "number" && typeof range.max === "number" && range.min > range.max) {
            throw invalidParameter(
                `galleryImage.properties.recommended.${r}`,
                `The minimum value of ${r} must not be greater than the maximum value of ${r}.`,
            );
        }
    }
    checkFeatures(props.features);
    const gen = str(props.hyperVGeneration) ?? str(existing?.hyperVGeneration) ?? str(imageDefaults({}, apiVersion).hyperVGeneration);
    for (const f of arr(props.features)) {
        const feature = obj(f);
        if (str(feature.name)?.toLowerCase() === "securitytype" && SECURITY_TYPES_NEEDING_V2.includes(str(feature.value)?.toLowerCase() ?? "")) {
            if (gen?.toUpperCase() === "V1") {
                throw invalidParameter(
                    "galleryImage.properties.features",
                    `The security type '${str(feature.value)}' requires an image definition of Hyper-V generation V2.`,
                );
            }
        }
    }
    if (existing) {
        // A PUT is compared with what it would create: the request plus this api-version's defaults.
        const asked = isPut ? imageDefaults(clone(props), apiVersion) : props;
        refuseChanges("galleryImage.properties", IMAGE_CREATE_ONLY, existing, asked, isPut);
        const features = isPut ? asked.features ?? [] : props.features;
        if (features !== undefined && !sameFeatures(existing.features, features) && props.allowUpdateImage !== true) {
            throw propertyChangeNotAllowed("galleryImage.properties.features");
        }
    }
}

function sameFeatures(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
    const key = (v: JsonValue | undefined) =>
        arr(v)
            .map((f) => `${str(obj(f).name)?.toLowerCase()}=${str(obj(f).value)?.toLowerCase()}`)
            .sort()
            .join(";");
    return key(a) === key(b);
}

// ---------- image version ----------

/** Strategy before type: a PUT that leaves a strategy out is refused on the strategy it drops. */
export const VERSION_CREATE_ONLY = [
    "publishingProfile.storageAccountStrategy",
    "publishingProfile.storageAccountType",
    "publishingProfile.replicationMode",
    "securityProfile",
];

const SOURCE_PATHS = ["source.id", "source.virtualMachineId", "source.communityGalleryImageId", "osDiskImage.source.id", "osDiskImage.source.uri", "osDiskImage.source.storageAccountId", "osDiskImage.hostCaching"];

const ONE_SOURCE =
    "The gallery artifact version source can only be specified either directly under storageProfile or within individual OS or data disks. One and only one source type (user image, snapshot, disk, virtual machine) can be provided";

function checkSourceId(id: JsonValue | undefined, path: string): void {
    const s = str(id);
    if (s !== undefined && !/^\/subscriptions\/[^/]+\/|^\/providers\/[^/]+\//i.test(s)) {
        throw invalidParameter(
            `galleryImageVersion.properties.${path}`,
            `Property id ${s} at path 'properties.${path}' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or '/providers/{resourceProviderNamespace}/'`,
        );
    }
}

function checkStorageProfile(storage: JsonObject): void {
    const top = obj(storage.source);
    const topKinds = ["id", "virtualMachineId", "communityGalleryImageId"].filter((k) => str(top[k]));
    const disks = [
        { disk: obj(storage.osDiskImage), path: "storageProfile.osDiskImage" },
        ...arr(storage.dataDiskImages).map((d, i) => ({ disk: obj(d), path: `storageProfile.dataDiskImages[${i}]` })),
    ];
    // Spec HostCaching: a closed enum (modelAsString false), "Valid values are 'None', 'ReadOnly', and 'ReadWrite'".
    for (const { disk, path } of disks) requireEnum(disk.hostCaching, ["None", "ReadOnly", "ReadWrite"], `galleryImageVersion.properties.${path.replace(/\[\d+\]$/, "")}.hostCaching`);
    const diskSources = disks.filter(({ disk: d }) => isObject(d.source) && (str(obj(d.source).id) || str(obj(d.source).uri)));
    if (topKinds.length + (diskSources.length > 0 ? 1 : 0) !== 1 || topKinds.length > 1) {
        throw invalidParameter("galleryImageVersion.properties.storageProfile", ONE_SOURCE);
    }
    checkSourceId(top.id, "storageProfile.source.id");
    checkSourceId(top.virtualMachineId, "storageProfile.source.virtualMachineId");
    for (const { disk, path } of diskSources) {
        const s = obj(disk.source);
        // The guide's message names the disk list ("properties.storageProfile.<diskImages>.source.id").
        checkSourceId(s.id, `${path.replace(/\[\d+\]$/, "")}.source.id`);
        if (str(s.uri) && !str(s.storageAccountId)) {
            throw invalidParameter(
                `galleryImageVersion.properties.${path.replace(/\[\d+\]$/, "")}.source.storageAccountId`,
                "The storage account id must be specified when the source is a VHD blob uri.",
            );
        }
    }
    const luns = arr(storage.dataDiskImages).map((d) => obj(d).lun);
    if (new Set(luns).size !== luns.length) {
        throw invalidParameter(
            "galleryImageVersion.properties.storageProfile.dataDiskImages",
            "Duplicated lun numbers have been detected in the input data disks. Lun number must be unique for each data disk",
        );
    }
    // Managed disk and snapshot ids only: the official example GalleryImageVersion_Create_WithVHD.json
    // gives the OS and the data disk the same VHD blob and is accepted.
    const ids = diskSources.map(({ disk }) => str(obj(disk.source).id)).filter((id) => id !== undefined).map((id) => id.toLowerCase());
    if (new Set(ids).size !== ids.length) {
        throw invalidParameter("galleryImageVersion.properties.storageProfile", "Duplicated source ids are found in the input disks. Source id should be unique for each disk");
    }
}

export interface ReplicatedRegion {
    key: string;
    holdsReplicas: boolean;
}

export interface VersionRequest {
    /** The version's location (display name). */
    location: string;
    /** The emulated cloud, whose regions alone can be target regions. */
    cloud: Cloud;
    isPut: boolean;
    now: number;
    /** Regions the version already replicated to (empty for a new version). */
    replicated: ReplicatedRegion[];
    /** How a region without its own storage type gets one (defaults.ts storageDefault). */
    storageDefault: string;
}

const STORAGE_TYPES = ["Standard_LRS", "Standard_ZRS", "Premium_LRS", "PremiumV2_LRS"];

/**
 * Zone-redundant storage needs a region with availability zones (azure-compute-gallery.md, High
 * availability: "you can choose Standard ZRS for regions that have availability zones"); message
 * from Troubleshoot gallery images (ERRORS.md §2, "ZRS requested where not supported"), status
 * not given there: 400 InvalidParameter like the other refused request values. Direct-drive
 * replicas (PremiumV2_LRS) need a region with Premium SSD v2 disks (regions.ts); no public
 * message for that, so the ZRS one is followed.
 */
function checkRegionStorage(type: string, region: string, target: string): void {
    const t = type.toLowerCase();
    if (t === "standard_zrs" && !hasAvailabilityZones(region)) {
        throw invalidParameter(target, `ZRS storage account type is not supported in this region. Region: '${displayName(region) ?? region}'.`);
    }
    if (t === "premiumv2_lrs" && !supportsPremiumV2(region)) {
        throw invalidParameter(target, `PremiumV2_LRS storage account type is not supported in this region. Region: '${displayName(region) ?? region}'.`);
    }
}

export function checkVersion(props: JsonObject, existing: JsonObject | undefined, req: VersionRequest): void {
    const { location, isPut, now, replicated } = req;
    const storage = obj(props.storageProfile);
    if (!existing) {
        if (!isObject(props.storageProfile)) {
            throw invalidParameter("galleryImageVersion.properties.storageProfile", "Required parameter 'galleryImageVersion.properties.storageProfile' is missing (null).");
        }
        checkStorageProfile(storage);
    }
    const pub = obj(props.publishingProfile);
    const regionsTarget = "galleryImageVersion.properties.publishingProfile.targetRegions";
    if (pub.storageAccountType !== undefined && pub.storageAccountStrategy !== undefined) {
        throw invalidParameter("galleryImageVersion.properties.publishingProfile.storageAccountStrategy", "storageAccountStrategy cannot be specified along with storageAccountType.");
    }
    requireEnum(pub.storageAccountType, STORAGE_TYPES, "galleryImageVersion.properties.publishingProfile.storageAccountType");
    requireEnum(pub.replicationMode, ["Full", "Shallow"], "galleryImageVersion.properties.publishingProfile.replicationMode");
    requireEnum(pub.storageAccountStrategy, ["PreferStandard_ZRS", "DefaultStandard_LRS"], "galleryImageVersion.properties.publishingProfile.storageAccountStrategy");
    requireRange(pub.replicaCount, 1, 100, "galleryImageVersion.properties.publishingProfile.replicaCount");
    requireFutureDate(pub.endOfLifeDate, "galleryImageVersion.properties.publishingProfile.endOfLifeDate", "properties.publishingProfile.endOfLifeDate", now);

    if (pub.targetRegions !== undefined) {
        const regions = arr(pub.targetRegions).map(obj);
        const keys = regions.map((r) => regionKey(str(r.name) ?? ""));
        if (new Set(keys).size !== keys.length) {
            throw invalidParameter(regionsTarget, "Duplicate regions are not allowed in target publishing regions.");
        }
        if (!keys.includes(regionKey(location))) {
            throw invalidParameter(
                regionsTarget,
                `Gallery image version publishing profile regions '${regions.map((r) => str(r.name)).join(", ")}' must contain the location of image version '${location}'.`,
            );
        }
        for (const r of regions) {
            requireKnownRegion(str(r.name), "Microsoft.Compute/galleries/images/versions", req.cloud);
            requireRange(r.regionalReplicaCount, 1, 100, `${regionsTarget}.regionalReplicaCount`);
            requireEnum(r.storageAccountType, STORAGE_TYPES, `${regionsTarget}.storageAccountType`);
            for (const set of arr(r.additionalReplicaSets).map(obj)) {
                requireEnum(set.storageAccountType, STORAGE_TYPES, `${regionsTarget}.additionalReplicaSets.storageAccountType`);
                requireRange(set.regionalReplicaCount, 1, 100, `${regionsTarget}.additionalReplicaSets.regionalReplicaCount`);
                checkRegionStorage(str(set.storageAccountType) ?? "", str(r.name) ?? "", `${regionsTarget}.additionalReplicaSets.storageAccountType`);
            }
        }
        checkTotalReplicas(regions, pub.replicaCount ?? obj(existing?.publishingProfile).replicaCount, regionsTarget);
    }
    // The regions the version will have. A PUT replaces the publishing profile, and without
    // targetRegions the version is left in the one region it must always have, its own location
    // (ERRORS.md §3: the regions "must contain the location of image version"); dropping regions that
    // hold replicas that way needs allowDeletionOfReplicatedLocations like any other removal.
    const asked = pub.targetRegions !== undefined ? arr(pub.targetRegions).map(obj) : isPut ? [{ name: location }] : undefined;
    // The version's global (publishing-level) storage: what a region that names none gets. A request
    // that states one speaks for itself (a change of it is refused below, 409, as create-only).
    const globalStorage = str(pub.storageAccountType) ?? str(pub.storageAccountStrategy) ?? req.storageDefault;
    if (asked) {
        const keys = asked.map((r) => regionKey(str(r.name) ?? ""));
        const before = arr(obj(existing?.publishingProfile).targetRegions).map(obj);
        const previous = (r: JsonObject) => before.find((b) => regionKey(str(b.name) ?? "") === regionKey(str(r.name) ?? ""));
        for (const r of asked) {
            const old = previous(r);
            if (!old) continue;
            if (r.storageAccountType !== undefined && str(r.storageAccountType)?.toLowerCase() !== str(old.storageAccountType)?.toLowerCase()) {
                throw propertyChangeNotAllowed(`${regionsTarget}.storageAccountType`);
            }
            // The list is sent whole: a region that leaves its storage type out is given the global one,
            // not the one it held, and a mismatch is refused. Message quoted from the service in
            // Azure/azure-powershell#9911 (ERRORS.md §3, [I-globalsat]); status and code not shown there,
            // 400 InvalidParameter as for the other refused request values.
            const held = str(old.storageAccountType);
            const filled = regionStorageType(globalStorage, str(r.name) ?? "");
            if (r.storageAccountType === undefined && held !== undefined && held.toLowerCase() !== filled.toLowerCase()) {
                const region = displayName(str(r.name) ?? "") ?? str(r.name) ?? "";
                throw invalidParameter(
                    regionsTarget,
                    `Global storage account type does not match the storage account type in the existing TargetRegion: '${region}'. Please specify '${held}' as the storage account type for this region.`,
                );
            }
            // An omitted encryption keeps the region's own: official example GalleryImageVersion_Update.json
            // sends West US without `encryption` and answers it with the encryption it held
            // (service.ts versionDefaults), and so its excludeFromLatest: the example's answer has the
            // `false` that a region without one of its own would not be answered with (service.ts render).
            if (r.encryption !== undefined && !jsonEqual(normalizeForCompare(r.encryption), normalizeForCompare(old.encryption))) {
                throw propertyChangeNotAllowed(`${regionsTarget}.encryption`);
            }
        }
        if (existing) {
            const allow =
                obj(props.safetyProfile).allowDeletionOfReplicatedLocations ??
                obj(existing.safetyProfile).allowDeletionOfReplicatedLocations;
            const removed = replicated.filter((r) => r.holdsReplicas && !keys.includes(r.key));
            if (removed.length > 0 && allow !== true) {
                throw invalidParameter(
                    regionsTarget,
                    `Removing the gallery image version from replicated regions '${removed.map((r) => r.key).join(", ")}' is not allowed unless safetyProfile.allowDeletionOfReplicatedLocations is true.`,
                );
            }
        }
        for (const r of asked) {
            const own = str(r.storageAccountType);
            const type = own ?? regionStorageType(globalStorage, str(r.name) ?? "");
            checkRegionStorage(type, str(r.name) ?? "", own ? `${regionsTarget}.storageAccountType` : "galleryImageVersion.properties.publishingProfile.storageAccountType");
        }
    }
    checkExtendedLocations(pub, existing ? obj(existing.publishingProfile) : undefined);
    if (existing) {
        const effective = clone(props);
        if (isPut) publishingDefaults(obj((effective.publishingProfile ??= {})));
        refuseChanges("galleryImageVersion.properties", VERSION_CREATE_ONLY, existing, effective, isPut, VERSION_OMITTED);
        if (isObject(props.storageProfile)) {
            // The source is kept when left out, on PUT as on PATCH (official example
            // GalleryImageVersion_Update_WithoutSourceId.json sends `storageProfile: {}`).
            refuseChanges("galleryImageVersion.properties.storageProfile", SOURCE_PATHS, obj(existing.storageProfile), storage, false);
            const oldLuns = arr(obj(existing.storageProfile).dataDiskImages).map((d) => obj(d).lun);
            const newLuns = arr(storage.dataDiskImages).map((d) => obj(d).lun);
            if (storage.dataDiskImages !== undefined && !jsonEqual([...oldLuns].sort(), [...newLuns].sort())) {
                throw new ArmError(
                    409,
                    "PropertyChangeNotAllowed",
                    "Adding new Data Disks or changing the LUN of a Data Disk in an existing Image is not allowed",
                    "galleryImageVersion.properties.storageProfile.dataDiskImages",
                );
            }
        }
    }
}

/**
 * azure-compute-gallery.md, Limits: "You can have a maximum 100 replicas per image version." A region
 * without its own count has the version's replicaCount (spec), 1 by default. No verbatim message is
 * published; 400 InvalidParameter as for the other replica-count limits (ERRORS.md).
 */
function checkTotalReplicas(regions: JsonObject[], replicaCount: JsonValue | undefined, target: string): void {
    const each = typeof replicaCount === "number" ? replicaCount : 1;
    const total = regions.reduce((sum, r) => sum + (typeof r.regionalReplicaCount === "number" ? r.regionalReplicaCount : each), 0);
    if (total > 100) throw invalidParameter(target, `The gallery image version would have ${total} replicas; a maximum of 100 replicas per image version is allowed.`);
}

/** Edge zones: the swagger's own storage types, replica counts, and storage type and encryption fixed per zone. */
function checkExtendedLocations(pub: JsonObject, before: JsonObject | undefined): void {
    const target = "galleryImageVersion.properties.publishingProfile.targetExtendedLocations";
    const zoneOf = (z: JsonObject) => str(obj(z.extendedLocation).name)?.toLowerCase();
    for (const z of arr(pub.targetExtendedLocations).map(obj)) {
        requireEnum(z.storageAccountType, ["Standard_LRS", "Standard_ZRS", "StandardSSD_LRS", "Premium_LRS"], `${target}.storageAccountType`);
        requireRange(z.extendedLocationReplicaCount, 1, 100, `${target}.extendedLocationReplicaCount`);
        const old = arr(before?.targetExtendedLocations).map(obj).find((b) => zoneOf(b) === zoneOf(z));
        if (!old) continue;
        if (z.storageAccountType !== undefined && str(z.storageAccountType)?.toLowerCase() !== str(old.storageAccountType)?.toLowerCase()) {
            throw propertyChangeNotAllowed(`${target}.storageAccountType`);
        }
        if (z.encryption !== undefined && !jsonEqual(normalizeForCompare(z.encryption), normalizeForCompare(old.encryption))) {
            throw propertyChangeNotAllowed(`${target}.encryption`);
        }
    }
}

export function checkDeletableVersion(props: JsonObject, now: number): void {
    const safety = obj(props.safetyProfile);
    const eol = str(obj(props.publishingProfile).endOfLifeDate);
    if (safety.blockDeletionBeforeEndOfLife === true && eol && (parseDateTimeOffset(eol) ?? 0) > now) {
        throw new ArmError(
            409,
            "DeleteGalleryImageVersionBlockedBeforeEndOfLife",
            "DeleteGalleryImageVersionBlockedBeforeEndOfLife. Deletion of Gallery image version is not allowed because the image is enabled for blockDeletionBeforeEndOfLife and its endOfLifeDate has not reached yet",
        );
    }
}
