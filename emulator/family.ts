/**
 * The service's rules for the rest of the gallery family — applications, inVMAccessControlProfiles,
 * scripts and their versions — written from azure-spec (the gallery-family extract,
 * MUTABILITY.md §7–§13, ERRORS.md §5) only. Image kinds keep theirs in rules.ts.
 */
import { ArmError, invalidParameter, propertyChangeNotAllowed } from "./armError";
import { JsonObject, JsonValue, arr, isObject, jsonEqual, obj, str } from "./json";
import { Kind, KINDS } from "./kinds";
import { Cloud, displayName, regionKey } from "./regions";
import { ReplicatedRegion, dig, requireEnum, requireFutureDate, requireKnownRegion, requireRange } from "./rules";

const INT32_MAX = 2147483647;
const OS_TYPES = ["Windows", "Linux"];
const STORAGE_TYPES = ["Standard_LRS", "Standard_ZRS", "Premium_LRS", "PremiumV2_LRS"];

// ---------- names ----------

/**
 * Application names: "Max length of 117 characters. Allowed characters are uppercase or lowercase
 * letters, digits, hyphen(-), period (.), underscore (_). Names not allowed to end with period(.)."
 * (VM Applications overview, Properties in VM Application Resource; the spec has no pattern). No page
 * quotes the refusal: 400 InvalidParameter naming the parameter, with the page's own rule.
 */
export function checkApplicationName(name: string): void {
    if (!/^[A-Za-z0-9._-]{1,117}$/.test(name) || name.endsWith(".")) {
        throw invalidParameter(
            "galleryApplicationName",
            `The gallery application name '${name}' is invalid. Max length of 117 characters. Allowed characters are uppercase or lowercase letters, digits, hyphen(-), period (.), underscore (_). Names not allowed to end with period(.).`,
        );
    }
}

/** ERRORS.md §5 [V], verbatim but for the page's markdown. */
export function checkApplicationVersionName(name: string): void {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(name);
    if (!m || m.slice(1).some((p) => Number(p) > INT32_MAX)) {
        throw invalidParameter(
            "galleryApplicationVersionName",
            "The gallery application version name is invalid. The application version name should follow Major(int32). Minor(int32). Patch(int32) format, where int is between 0 and 2,147,483,647 (inclusive). For example, 1.0.0, 2018.12.1 etc.",
        );
    }
}

/**
 * The spec's path patterns (GalleryScripts_* `galleryScriptName`, GalleryScriptVersions_*
 * `galleryScriptVersionName`). No public answer shows the refusal's wording: 400 InvalidParameter
 * naming the parameter and the pattern.
 */
const SCRIPT_NAME = /^[a-zA-Z0-9]+([_]?[a-zA-Z0-9]+)*$/;
const SCRIPT_VERSION_NAME = /^[0-9]+\.[0-9]+\.[0-9]+$/;

function checkPattern(name: string, parameter: string, pattern: RegExp): void {
    if (!pattern.test(name)) {
        throw invalidParameter(parameter, `The value '${name}' of parameter '${parameter}' does not match the pattern '${pattern.source}'.`);
    }
}

/** The name rule of a family kind (inVMAccessControlProfiles and their versions have none in the spec or the docs). */
export function checkFamilyName(kind: Kind, name: string): void {
    switch (kind) {
        case "application":
            return checkApplicationName(name);
        case "applicationVersion":
            return checkApplicationVersionName(name);
        case "script":
            return checkPattern(name, "galleryScriptName", SCRIPT_NAME);
        case "scriptVersion":
            return checkPattern(name, "galleryScriptVersionName", SCRIPT_VERSION_NAME);
        default:
            return;
    }
}

// ---------- shared helpers ----------

/** A member the spec's `required` list names, missing from a body that must carry it. */
function requireMember(value: JsonValue | undefined, target: string): void {
    if (value === undefined || value === null || (typeof value === "string" && value === "")) {
        throw invalidParameter(target, `Required parameter '${target}' is missing (null).`);
    }
}

/**
 * Create-only members (MUTABILITY.md): a request that carries another value is refused, 409
 * PropertyChangeNotAllowed, "Changing property '<path>' is not allowed." (ERRORS.md §5: the VM
 * Applications page quotes "Changing property 'galleryApplicationVersion.properties.publishingProfile.
 * manageActions.install' isn't allowed."). A PATCH that leaves a member out keeps it; a PUT replaces the
 * resource, so one that leaves out a set value asks to drop it and is refused too (as for image kinds).
 * `compare` maps a value to what must stay equal (a link without its SAS query).
 */
function refuseChangesOf(prefix: string, paths: string[], before: JsonObject, request: JsonObject, isPut: boolean, compare: (p: string, v: JsonValue | undefined) => JsonValue | undefined = (_p, v) => v): void {
    for (const p of paths) {
        const parts = p.split(".");
        const asked = dig(request, parts);
        const held = dig(before, parts);
        if (asked === undefined && (!isPut || held === undefined)) continue;
        const norm = (v: JsonValue | undefined) => {
            const c = compare(p, v);
            return typeof c === "string" ? c.toLowerCase() : c;
        };
        if (!jsonEqual(norm(held), norm(asked))) throw propertyChangeNotAllowed(`${prefix}.${p}`);
    }
}

/** A storage link without its query: "Only SASToken within the SASURL can be changed." (VM Applications overview). */
export function withoutQuery(link: JsonValue | undefined): JsonValue | undefined {
    return typeof link === "string" ? link.replace(/[?#].*$/, "") : link;
}

function checkCustomActions(actions: JsonValue | undefined, target: string): void {
    const names: string[] = [];
    for (const a of arr(actions).map(obj)) {
        requireMember(a.name, `${target}.name`);
        requireMember(a.script, `${target}.script`);
        names.push(String(a.name).toLowerCase());
        for (const p of arr(a.parameters).map(obj)) {
            requireMember(p.name, `${target}.parameters.name`);
            requireEnum(p.type, ["String", "ConfigurationDataBlob", "LogOutputBlob"], `${target}.parameters.type`);
        }
    }
    // Spec (GalleryApplicationCustomAction.name): "Must be unique within the Gallery Application Version."
    if (new Set(names).size !== names.length) {
        throw invalidParameter(target, "The name of a custom action must be unique within the Gallery Application Version.");
    }
}

// ---------- definitions: application, inVMAccessControlProfile, script ----------

/** Applications: supportedOSType required and fixed ("Updatable: No"); the other members update in place (MUTABILITY.md §7). */
export function checkApplication(props: JsonObject, existing: JsonObject | undefined, isPut: boolean, now: number): void {
    const target = "galleryApplication.properties";
    if (isPut) requireMember(props.supportedOSType, `${target}.supportedOSType`);
    requireEnum(props.supportedOSType, OS_TYPES, `${target}.supportedOSType`);
    requireFutureDate(props.endOfLifeDate, `${target}.endOfLifeDate`, "properties.endOfLifeDate", now);
    checkCustomActions(props.customActions, `${target}.customActions`);
    if (existing) refuseChangesOf(target, ["supportedOSType"], existing, props, isPut);
}

/** inVMAccessControlProfiles: the spec's required members and closed enums; no member is documented as fixed (§9). */
export function checkProfile(props: JsonObject, isPut: boolean): void {
    const target = "galleryInVMAccessControlProfile.properties";
    if (isPut) {
        requireMember(props.osType, `${target}.osType`);
        requireMember(props.applicableHostEndpoint, `${target}.applicableHostEndpoint`);
    }
    requireEnum(props.osType, OS_TYPES, `${target}.osType`);
    requireEnum(props.applicableHostEndpoint, ["WireServer", "IMDS"], `${target}.applicableHostEndpoint`);
}

/** Scripts: supportedOSType required; no member but location is documented as fixed (§11). */
export function checkScript(props: JsonObject, isPut: boolean, now: number): void {
    const target = "galleryScript.properties";
    if (isPut) requireMember(props.supportedOSType, `${target}.supportedOSType`);
    requireEnum(props.supportedOSType, OS_TYPES, `${target}.supportedOSType`);
    requireFutureDate(props.endOfLifeDate, `${target}.endOfLifeDate`, "properties.endOfLifeDate", now);
}

// ---------- versions ----------

export interface FamilyVersionRequest {
    /** The version's location (display name). */
    location: string;
    cloud: Cloud;
    isPut: boolean;
    now: number;
    /** Regions the version already replicated to (empty for a new version). */
    replicated: ReplicatedRegion[];
}

/**
 * Target regions of a publishing profile (GalleryArtifactPublishingProfileBase, shared by image,
 * application and script versions): the version's own location must be among them and none may come
 * twice (ERRORS.md §3, and §5: the VM Applications page quotes both messages for application versions);
 * an existing region keeps its storage type (spec, TargetRegion.storageAccountType: "This property is
 * not updatable."); a region that holds replicas goes only with safetyProfile.allowDeletionOfReplicatedLocations.
 */
function checkTargetRegions(kind: Kind, pub: JsonObject, existing: JsonObject | undefined, props: JsonObject, req: FamilyVersionRequest, replicas?: { min: number; max: number }): void {
    const body = KINDS[kind].bodyName;
    const target = `${body}.properties.publishingProfile.targetRegions`;
    if (replicas) requireRange(pub.replicaCount, replicas.min, replicas.max, `${body}.properties.publishingProfile.replicaCount`);
    const asked = pub.targetRegions !== undefined ? arr(pub.targetRegions).map(obj) : req.isPut ? [{ name: req.location }] : undefined;
    if (!asked) return;
    const keys = asked.map((r) => regionKey(str(r.name) ?? ""));
    if (new Set(keys).size !== keys.length) throw invalidParameter(target, "Duplicate regions are not allowed in target publishing regions.");
    if (!keys.includes(regionKey(req.location))) {
        throw invalidParameter(
            target,
            `Gallery image version publishing profile regions '${asked.map((r) => str(r.name)).join(", ")}' must contain the location of image version '${req.location}'.`,
        );
    }
    const before = arr(obj(existing?.publishingProfile).targetRegions).map(obj);
    for (const r of asked) {
        requireMember(r.name, `${target}.name`);
        requireKnownRegion(str(r.name), KINDS[kind].type, req.cloud);
        requireEnum(r.storageAccountType, STORAGE_TYPES, `${target}.storageAccountType`);
        if (replicas) requireRange(r.regionalReplicaCount, replicas.min, replicas.max, `${target}.regionalReplicaCount`);
        const old = before.find((b) => regionKey(str(b.name) ?? "") === regionKey(str(r.name) ?? ""));
        if (old && r.storageAccountType !== undefined && str(r.storageAccountType)?.toLowerCase() !== str(old.storageAccountType)?.toLowerCase()) {
            throw propertyChangeNotAllowed(`${target}.storageAccountType`);
        }
    }
    checkRemovedRegions(keys, existing, props, req, target);
}

function checkRemovedRegions(keys: string[], existing: JsonObject | undefined, props: JsonObject, req: FamilyVersionRequest, target: string): void {
    if (!existing) return;
    const allow = obj(props.safetyProfile).allowDeletionOfReplicatedLocations ?? obj(existing.safetyProfile).allowDeletionOfReplicatedLocations;
    const removed = req.replicated.filter((r) => r.holdsReplicas && !keys.includes(r.key));
    if (removed.length > 0 && allow !== true) {
        throw invalidParameter(
            target,
            `Removing the gallery artifact version from replicated regions '${removed.map((r) => r.key).join(", ")}' is not allowed unless safetyProfile.allowDeletionOfReplicatedLocations is true.`,
        );
    }
}

function checkPublishingEnums(kind: Kind, pub: JsonObject, now: number): void {
    const target = `${KINDS[kind].bodyName}.properties.publishingProfile`;
    if (pub.storageAccountType !== undefined && pub.storageAccountStrategy !== undefined) {
        throw invalidParameter(`${target}.storageAccountStrategy`, "storageAccountStrategy cannot be specified along with storageAccountType.");
    }
    requireEnum(pub.storageAccountType, STORAGE_TYPES, `${target}.storageAccountType`);
    requireEnum(pub.replicationMode, ["Full", "Shallow"], `${target}.replicationMode`);
    requireEnum(pub.storageAccountStrategy, ["PreferStandard_ZRS", "DefaultStandard_LRS"], `${target}.storageAccountStrategy`);
    requireFutureDate(pub.endOfLifeDate, `${target}.endOfLifeDate`, "properties.publishingProfile.endOfLifeDate", now);
}

/** Fixed after create by the spec's own words ("This property is not updatable.", GalleryArtifactPublishingProfileBase). */
const PUBLISHING_CREATE_ONLY = ["publishingProfile.storageAccountType", "publishingProfile.replicationMode", "publishingProfile.storageAccountStrategy"];

/**
 * Application versions (MUTABILITY.md §8, ERRORS.md §5): the source link (SAS token aside), the manage
 * actions, the settings and the storage type are fixed; replica counts 1–10 ("Up to 10 replicas per
 * region", VM Applications overview; azurerm validates 1–10); no encryption ("Gallery application version
 * resources currently don't support encryption.").
 */
export function checkApplicationVersion(props: JsonObject, existing: JsonObject | undefined, req: FamilyVersionRequest): void {
    const target = "galleryApplicationVersion.properties.publishingProfile";
    const pub = obj(props.publishingProfile);
    if (!existing || req.isPut) {
        if (!isObject(props.publishingProfile)) requireMember(undefined, target);
        requireMember(obj(pub.source).mediaLink, `${target}.source.mediaLink`);
    }
    if (pub.manageActions !== undefined) {
        const manage = obj(pub.manageActions);
        requireMember(manage.install, `${target}.manageActions.install`);
        requireMember(manage.remove, `${target}.manageActions.remove`);
        for (const m of ["install", "remove", "update"]) {
            const v = str(manage[m]);
            if (v !== undefined && v.length > 4096) throw invalidParameter(`${target}.manageActions.${m}`, `The value of parameter '${target}.manageActions.${m}' is limited to 4096 characters.`);
        }
    }
    requireEnum(obj(pub.settings).scriptBehaviorAfterReboot, ["None", "Rerun"], `${target}.settings.scriptBehaviorAfterReboot`);
    checkCustomActions(pub.customActions, `${target}.customActions`);
    checkPublishingEnums("applicationVersion", pub, req.now);
    for (const r of arr(pub.targetRegions).map(obj)) {
        if (r.encryption !== undefined && r.encryption !== null) {
            throw invalidParameter(`${target}.targetRegions`, "Gallery application version resources currently don't support encryption.");
        }
    }
    checkTargetRegions("applicationVersion", pub, existing, props, req, { min: 1, max: 10 });
    if (existing) {
        const fixed = [
            ...PUBLISHING_CREATE_ONLY,
            "publishingProfile.source.mediaLink",
            "publishingProfile.source.defaultConfigurationLink",
            "publishingProfile.manageActions.install",
            "publishingProfile.manageActions.remove",
            "publishingProfile.manageActions.update",
            "publishingProfile.settings.packageFileName",
            "publishingProfile.settings.configFileName",
            "publishingProfile.settings.scriptBehaviorAfterReboot",
        ];
        // The storage type defaults to Standard_LRS ("Defaults to Standard_LRS", VM Applications overview):
        // a PUT that leaves it out asks for that default.
        const asked = req.isPut && pub.storageAccountType === undefined ? { ...props, publishingProfile: { ...pub, storageAccountType: "Standard_LRS" } } : props;
        refuseChangesOf("galleryApplicationVersion.properties", fixed, existing, asked, req.isPut, (p, v) => (p.endsWith("Link") ? withoutQuery(v) : v));
    }
}

/** Script versions (MUTABILITY.md §12): the source script link is required; the storage settings are fixed (spec). */
export function checkScriptVersion(props: JsonObject, existing: JsonObject | undefined, req: FamilyVersionRequest): void {
    const target = "galleryScriptVersion.properties.publishingProfile";
    const pub = obj(props.publishingProfile);
    if (!existing || req.isPut) {
        if (!isObject(props.publishingProfile)) requireMember(undefined, target);
        requireMember(obj(pub.source).scriptLink, `${target}.source.scriptLink`);
    }
    for (const p of arr(obj(pub.source).parameters).map(obj)) {
        requireMember(p.name, `${target}.source.parameters.name`);
        requireEnum(p.type, ["String", "Int", "Double", "Boolean", "Enum"], `${target}.source.parameters.type`);
    }
    checkPublishingEnums("scriptVersion", pub, req.now);
    checkTargetRegions("scriptVersion", pub, existing, props, req);
    if (existing) refuseChangesOf("galleryScriptVersion.properties", PUBLISHING_CREATE_ONLY, existing, props, false);
}

/**
 * inVMAccessControlProfile versions (MUTABILITY.md §10): mode and defaultAccess required with their
 * enums, the access control rules' required members, target locations in this cloud.
 */
export function checkProfileVersion(props: JsonObject, existing: JsonObject | undefined, req: FamilyVersionRequest): void {
    const target = "galleryInVMAccessControlProfileVersion.properties";
    if (!existing || req.isPut) {
        requireMember(props.mode, `${target}.mode`);
        requireMember(props.defaultAccess, `${target}.defaultAccess`);
    }
    requireEnum(props.mode, ["Audit", "Enforce", "Disabled"], `${target}.mode`);
    requireEnum(props.defaultAccess, ["Allow", "Deny"], `${target}.defaultAccess`);
    const rules = obj(props.rules);
    for (const p of arr(rules.privileges).map(obj)) {
        requireMember(p.name, `${target}.rules.privileges.name`);
        requireMember(p.path, `${target}.rules.privileges.path`);
    }
    for (const r of arr(rules.roles).map(obj)) {
        requireMember(r.name, `${target}.rules.roles.name`);
        if (!Array.isArray(r.privileges)) requireMember(undefined, `${target}.rules.roles.privileges`);
    }
    for (const i of arr(rules.identities).map(obj)) requireMember(i.name, `${target}.rules.identities.name`);
    for (const a of arr(rules.roleAssignments).map(obj)) {
        requireMember(a.role, `${target}.rules.roleAssignments.role`);
        if (!Array.isArray(a.identities)) requireMember(undefined, `${target}.rules.roleAssignments.identities`);
    }
    const asked = props.targetLocations !== undefined ? arr(props.targetLocations).map(obj) : undefined;
    for (const r of asked ?? []) {
        requireMember(r.name, `${target}.targetLocations.name`);
        requireKnownRegion(str(r.name), KINDS.profileVersion.type, req.cloud);
    }
    const keys = (asked ?? [{ name: req.location }]).map((r) => regionKey(str(r.name) ?? ""));
    if (!keys.includes(regionKey(req.location))) keys.push(regionKey(req.location));
    if (asked || req.isPut) checkRemovedRegions(keys, existing, props, req, `${target}.targetLocations`);
}

/**
 * Application versions: "Entity name doesn't match the name in the request URL." (ERRORS.md §5 [V]),
 * checked on the raw body, where the read-only `name` still is.
 */
export function checkEntityName(kind: Kind, name: string, rawBody: JsonValue | undefined): void {
    if (kind !== "applicationVersion" || !isObject(rawBody)) return;
    const key = Object.keys(rawBody).find((k) => k.toLowerCase() === "name");
    const sent = key ? rawBody[key] : undefined;
    if (typeof sent === "string" && sent.toLowerCase() !== name.toLowerCase()) {
        throw new ArmError(400, "InvalidParameter", "Entity name doesn't match the name in the request URL.", "galleryApplicationVersion.name");
    }
}

/** The display name of a region member, for the answers (the service echoes display names). */
export function regionDisplay(r: JsonObject): string {
    return displayName(str(r.name) ?? "") ?? str(r.name) ?? "";
}
