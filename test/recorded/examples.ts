/**
 * The official create examples as a program would write them and as Azure answered them: the
 * provider's inputs built from each recorded request, and the recorded answers the replay server
 * gives back. Nothing here consults the provider's code; the mapping follows the argument types in
 * provider/resources/*.ts (azure-native style: the body's `properties.*` at the top level).
 */
import * as fs from "fs";
import * as path from "path";
import { APPLICATION_EXAMPLES_DIR, EXAMPLES_DIR, PROFILE_EXAMPLES_DIR, SCRIPT_EXAMPLES_DIR } from "../support/azureSpec";
import { JsonObject, JsonValue, clone, isObject } from "../../emulator/json";

export type KindName = "gallery" | "galleryImage" | "galleryImageVersion" | "galleryApplication" | "galleryApplicationVersion" | "galleryScript" | "galleryScriptVersion" | "galleryInVMAccessControlProfile" | "galleryInVMAccessControlProfileVersion";

/**
 * Kinds whose argument types keep the body's `properties` as written (GalleryScriptArgs,
 * GalleryScriptVersionArgs: their spec does not client-flatten it, and the SDK model nests it).
 */
const PROPERTIES_AS_WRITTEN: readonly KindName[] = ["galleryScript", "galleryScriptVersion", "galleryInVMAccessControlProfile"];

export interface RecordedExample {
    file: string;
    kind: KindName;
    parameters: JsonObject;
    responses: Record<string, { body?: JsonValue }>;
}

/** The kind of an example file, by its operation's prefix. */
function kindOfFile(file: string): KindName {
    if (file.startsWith("GalleryInVMAccessControlProfileVersion_")) return "galleryInVMAccessControlProfileVersion";
    if (file.startsWith("GalleryInVMAccessControlProfile_")) return "galleryInVMAccessControlProfile";
    if (file.startsWith("GalleryScriptVersion_")) return "galleryScriptVersion";
    if (file.startsWith("GalleryScript_")) return "galleryScript";
    if (file.startsWith("GalleryApplicationVersion_")) return "galleryApplicationVersion";
    if (file.startsWith("GalleryApplication_")) return "galleryApplication";
    if (file.startsWith("GalleryImageVersion_")) return "galleryImageVersion";
    if (file.startsWith("GalleryImage_")) return "galleryImage";
    return "gallery";
}

/** Every create (PUT) example of galleries, image definitions and versions, application definitions and versions. */
export function createExamples(): RecordedExample[] {
    const files = [
        ...fs.readdirSync(EXAMPLES_DIR).filter((f) => /^(Gallery|CommunityGallery|GalleryImage|GalleryImageVersion)_Create.*\.json$/.test(f)).map((f) => path.join(EXAMPLES_DIR, f)),
        ...fs.readdirSync(APPLICATION_EXAMPLES_DIR).filter((f) => /^(GalleryApplication|GalleryApplicationVersion)_Create.*\.json$/.test(f)).map((f) => path.join(APPLICATION_EXAMPLES_DIR, f)),
        ...fs.readdirSync(SCRIPT_EXAMPLES_DIR).filter((f) => /^(GalleryScript|GalleryScriptVersion)_Create.*\.json$/.test(f)).map((f) => path.join(SCRIPT_EXAMPLES_DIR, f)),
        ...fs.readdirSync(PROFILE_EXAMPLES_DIR).filter((f) => /^(GalleryInVMAccessControlProfile|GalleryInVMAccessControlProfileVersion)_Create.*\.json$/.test(f)).map((f) => path.join(PROFILE_EXAMPLES_DIR, f)),
    ];
    return files
        .sort((a, b) => (path.basename(a) < path.basename(b) ? -1 : 1))
        .map((where) => {
            const file = path.basename(where);
            const ex = JSON.parse(fs.readFileSync(where, "utf8")) as { parameters: JsonObject; responses: Record<string, { body?: JsonValue }> };
            const kind = kindOfFile(file);
            // The examples were recorded years ago; Azure refuses end-of-life dates in the past today.
            return { file, kind, parameters: futureDates(ex.parameters) as JsonObject, responses: futureDates(ex.responses as JsonValue) as RecordedExample["responses"] };
        });
}

function futureDates(v: JsonValue): JsonValue {
    if (Array.isArray(v)) return v.map(futureDates);
    if (isObject(v)) {
        const out: JsonObject = {};
        for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = k === "endOfLifeDate" ? "2099-01-01T00:00:00Z" : futureDates(x);
        return out;
    }
    return v;
}

// ---------- the program's inputs ----------

const PATH_NAMES: Record<KindName, string[]> = {
    gallery: ["resourceGroupName", "galleryName"],
    galleryImage: ["resourceGroupName", "galleryName", "galleryImageName"],
    galleryImageVersion: ["resourceGroupName", "galleryName", "galleryImageName", "galleryImageVersionName"],
    galleryApplication: ["resourceGroupName", "galleryName", "galleryApplicationName"],
    galleryApplicationVersion: ["resourceGroupName", "galleryName", "galleryApplicationName", "galleryApplicationVersionName"],
    galleryScript: ["resourceGroupName", "galleryName", "galleryScriptName"],
    galleryScriptVersion: ["resourceGroupName", "galleryName", "galleryScriptName", "galleryScriptVersionName"],
    galleryInVMAccessControlProfile: ["resourceGroupName", "galleryName", "inVMAccessControlProfileName"],
    galleryInVMAccessControlProfileVersion: ["resourceGroupName", "galleryName", "inVMAccessControlProfileName", "inVMAccessControlProfileVersionName"],
};

const BODY_PARAMETER: Record<KindName, string> = {
    gallery: "gallery",
    galleryImage: "galleryImage",
    galleryImageVersion: "galleryImageVersion",
    galleryApplication: "galleryApplication",
    galleryApplicationVersion: "galleryApplicationVersion",
    galleryScript: "galleryScript",
    galleryScriptVersion: "galleryScriptVersion",
    galleryInVMAccessControlProfile: "galleryInVMAccessControlProfile",
    galleryInVMAccessControlProfileVersion: "galleryInVMAccessControlProfileVersion",
};

/** A custom action as GalleryApplicationArgs and GalleryApplicationVersionArgs type it. */
const customActionPaths = (at: string): string[] => [
    `${at}[].name`,
    `${at}[].script`,
    `${at}[].description`,
    `${at}[].parameters[].name`,
    `${at}[].parameters[].required`,
    `${at}[].parameters[].type`,
    `${at}[].parameters[].defaultValue`,
    `${at}[].parameters[].description`,
];

/**
 * What the argument types (provider/resources/*.ts) let a program write, as paths: `[]` for list
 * items, `.*` for anything below (members typed `object` or free maps).
 */
const EXPRESSIBLE: Record<KindName, string[]> = {
    gallery: [
        "location",
        "tags.*",
        "description",
        "identity.type",
        "identity.userAssignedIdentities.*",
        "softDeletePolicy.isSoftDeleteEnabled",
        "sharingProfile.permissions",
        "sharingProfile.groups[].type",
        "sharingProfile.groups[].ids[]",
        "sharingProfile.communityGalleryInfo.publisherUri",
        "sharingProfile.communityGalleryInfo.publisherContact",
        "sharingProfile.communityGalleryInfo.eula",
        "sharingProfile.communityGalleryInfo.publicNamePrefix",
        "sharingProfile.communityGalleryInfo.communityGalleryEnabled",
    ],
    galleryImage: [
        "location",
        "tags.*",
        "osType",
        "osState",
        "identifier.publisher",
        "identifier.offer",
        "identifier.sku",
        "hyperVGeneration",
        "architecture",
        "description",
        "eula",
        "privacyStatementUri",
        "releaseNoteUri",
        "endOfLifeDate",
        "recommended.vCPUs.min",
        "recommended.vCPUs.max",
        "recommended.memory.min",
        "recommended.memory.max",
        "disallowed.diskTypes[]",
        "purchasePlan.name",
        "purchasePlan.publisher",
        "purchasePlan.product",
        // features[] become these typed inputs (see FEATURES)
        "securityType",
        "isAcceleratedNetworkSupported",
        "isHibernateSupported",
        "diskControllerTypes[]",
    ],
    galleryImageVersion: [
        "location",
        "tags.*",
        "publishingProfile.targetRegions[].name",
        "publishingProfile.targetRegions[].regionalReplicaCount",
        "publishingProfile.targetRegions[].storageAccountType",
        "publishingProfile.targetRegions[].excludeFromLatest",
        "publishingProfile.targetRegions[].encryption.*",
        "publishingProfile.targetRegions[].additionalReplicaSets[].storageAccountType",
        "publishingProfile.targetRegions[].additionalReplicaSets[].regionalReplicaCount",
        "publishingProfile.targetExtendedLocations[].name",
        "publishingProfile.targetExtendedLocations[].extendedLocation.name",
        "publishingProfile.targetExtendedLocations[].extendedLocation.type",
        "publishingProfile.targetExtendedLocations[].extendedLocationReplicaCount",
        "publishingProfile.targetExtendedLocations[].storageAccountType",
        "publishingProfile.targetExtendedLocations[].encryption.*",
        "publishingProfile.replicaCount",
        "publishingProfile.excludeFromLatest",
        "publishingProfile.endOfLifeDate",
        "publishingProfile.storageAccountType",
        "publishingProfile.storageAccountStrategy",
        "publishingProfile.replicationMode",
        "storageProfile.source.id",
        "storageProfile.source.virtualMachineId",
        "storageProfile.source.communityGalleryImageId",
        "storageProfile.osDiskImage.hostCaching",
        "storageProfile.osDiskImage.source.id",
        "storageProfile.osDiskImage.source.uri",
        "storageProfile.osDiskImage.source.storageAccountId",
        "storageProfile.dataDiskImages[].lun",
        "storageProfile.dataDiskImages[].hostCaching",
        "storageProfile.dataDiskImages[].source.id",
        "storageProfile.dataDiskImages[].source.uri",
        "storageProfile.dataDiskImages[].source.storageAccountId",
        "safetyProfile.allowDeletionOfReplicatedLocations",
        "safetyProfile.blockDeletionBeforeEndOfLife",
        "securityProfile.uefiSettings.*",
    ],
    galleryApplication: ["location", "tags.*", "description", "eula", "privacyStatementUri", "releaseNoteUri", "endOfLifeDate", "supportedOSType", ...customActionPaths("customActions")],
    galleryApplicationVersion: [
        "location",
        "tags.*",
        "publishingProfile.source.mediaLink",
        "publishingProfile.source.defaultConfigurationLink",
        "publishingProfile.manageActions.install",
        "publishingProfile.manageActions.remove",
        "publishingProfile.manageActions.update",
        "publishingProfile.settings.packageFileName",
        "publishingProfile.settings.configFileName",
        "publishingProfile.settings.scriptBehaviorAfterReboot",
        "publishingProfile.advancedSettings.*",
        "publishingProfile.enableHealthCheck",
        ...customActionPaths("publishingProfile.customActions"),
        // Application versions take no encryption (GalleryApplicationVersionArgs leaves it out).
        "publishingProfile.targetRegions[].name",
        "publishingProfile.targetRegions[].regionalReplicaCount",
        "publishingProfile.targetRegions[].storageAccountType",
        "publishingProfile.targetRegions[].excludeFromLatest",
        "publishingProfile.targetRegions[].additionalReplicaSets[].storageAccountType",
        "publishingProfile.targetRegions[].additionalReplicaSets[].regionalReplicaCount",
        "publishingProfile.targetExtendedLocations[].name",
        "publishingProfile.targetExtendedLocations[].extendedLocation.name",
        "publishingProfile.targetExtendedLocations[].extendedLocation.type",
        "publishingProfile.targetExtendedLocations[].extendedLocationReplicaCount",
        "publishingProfile.targetExtendedLocations[].storageAccountType",
        "publishingProfile.replicaCount",
        "publishingProfile.excludeFromLatest",
        "publishingProfile.endOfLifeDate",
        "publishingProfile.storageAccountType",
        "publishingProfile.storageAccountStrategy",
        "publishingProfile.replicationMode",
        "safetyProfile.allowDeletionOfReplicatedLocations",
    ],
    galleryScript: ["location", "tags.*", ...["description", "eula", "privacyStatementUri", "releaseNoteUri", "endOfLifeDate", "supportedOSType"].map((p) => `properties.${p}`)],
    galleryInVMAccessControlProfile: ["location", "tags.*", "properties.description", "properties.osType", "properties.applicableHostEndpoint"],
    galleryInVMAccessControlProfileVersion: [
        "location",
        "tags.*",
        "mode",
        "defaultAccess",
        "rules.privileges[].name",
        "rules.privileges[].path",
        "rules.privileges[].queryParameters.*",
        "rules.roles[].name",
        "rules.roles[].privileges[]",
        "rules.identities[].name",
        "rules.identities[].userName",
        "rules.identities[].groupName",
        "rules.identities[].exePath",
        "rules.identities[].processName",
        "rules.roleAssignments[].role",
        "rules.roleAssignments[].identities[]",
        "targetLocations[].name",
        "targetLocations[].regionalReplicaCount",
        "targetLocations[].storageAccountType",
        "targetLocations[].excludeFromLatest",
        "targetLocations[].encryption.*",
        "targetLocations[].additionalReplicaSets[].storageAccountType",
        "targetLocations[].additionalReplicaSets[].regionalReplicaCount",
        "excludeFromLatest",
    ],
    galleryScriptVersion: [
        "location",
        "tags.*",
        "properties.publishingProfile.source.scriptLink",
        ...["name", "required", "type", "defaultValue", "description", "minValue", "maxValue", "enumValues[]"].map((p) => `properties.publishingProfile.source.parameters[].${p}`),
        "properties.publishingProfile.targetRegions[].name",
        "properties.publishingProfile.targetRegions[].regionalReplicaCount",
        "properties.publishingProfile.targetRegions[].storageAccountType",
        "properties.publishingProfile.targetRegions[].excludeFromLatest",
        "properties.publishingProfile.targetRegions[].encryption.*",
        "properties.publishingProfile.targetRegions[].additionalReplicaSets[].storageAccountType",
        "properties.publishingProfile.targetRegions[].additionalReplicaSets[].regionalReplicaCount",
        "properties.publishingProfile.targetExtendedLocations[].name",
        "properties.publishingProfile.targetExtendedLocations[].extendedLocation.name",
        "properties.publishingProfile.targetExtendedLocations[].extendedLocation.type",
        "properties.publishingProfile.targetExtendedLocations[].extendedLocationReplicaCount",
        "properties.publishingProfile.targetExtendedLocations[].storageAccountType",
        "properties.publishingProfile.targetExtendedLocations[].encryption.*",
        "properties.publishingProfile.replicaCount",
        "properties.publishingProfile.excludeFromLatest",
        "properties.publishingProfile.endOfLifeDate",
        "properties.publishingProfile.storageAccountType",
        "properties.publishingProfile.storageAccountStrategy",
        "properties.publishingProfile.replicationMode",
        "properties.safetyProfile.allowDeletionOfReplicatedLocations",
    ],
};

/** A definition's `features[]` entries, as the typed inputs GalleryImageArgs declares. */
const FEATURES: Record<string, { input: string; decode: (raw: string) => JsonValue }> = {
    securitytype: { input: "securityType", decode: (raw) => raw },
    isacceleratednetworksupported: { input: "isAcceleratedNetworkSupported", decode: (raw) => raw.toLowerCase() === "true" },
    ishibernatesupported: { input: "isHibernateSupported", decode: (raw) => raw.toLowerCase() === "true" },
    diskcontrollertypes: { input: "diskControllerTypes", decode: (raw) => raw.split(",").map((x) => x.trim()).filter(Boolean) },
};

function expressible(kind: KindName, at: string): boolean {
    return EXPRESSIBLE[kind].some((p) => p === at || (p.endsWith(".*") && at.startsWith(p.slice(0, -1))));
}

/** Keeps what the program can write; `dropped` collects the rest, by path. */
function prune(kind: KindName, v: JsonValue, at: string, dropped: string[]): JsonValue | undefined {
    if (at && EXPRESSIBLE[kind].some((p) => p.endsWith(".*") && at === p.slice(0, -2))) return v; // a free-form member, kept whole
    if (Array.isArray(v)) {
        const items = v.map((x) => prune(kind, x, `${at}[]`, dropped)).filter((x): x is JsonValue => x !== undefined);
        return items.length > 0 || v.length === 0 ? items : undefined;
    }
    if (isObject(v)) {
        const out: JsonObject = {};
        for (const [k, x] of Object.entries(v)) {
            if (x === undefined) continue;
            const kept = prune(kind, x, at ? `${at}.${k}` : k, dropped);
            if (kept !== undefined) out[k] = kept;
        }
        return Object.keys(out).length > 0 || Object.keys(v).length === 0 ? out : undefined;
    }
    if (expressible(kind, at)) return v;
    dropped.push(at);
    return undefined;
}

export interface ProgramInputs {
    inputs: JsonObject;
    /** Members of the recorded request that the provider's argument types cannot express. */
    dropped: string[];
}

/** A request body in input form: `properties.*` lifted to the top, features typed, the rest pruned. */
export function liftBody(kind: KindName, body: JsonValue | undefined): ProgramInputs {
    const candidate: JsonObject = {};
    const dropped: string[] = [];
    for (const [k, v] of Object.entries(isObject(body) ? clone(body) : {})) {
        if (k === "properties" && isObject(v) && !PROPERTIES_AS_WRITTEN.includes(kind)) Object.assign(candidate, v);
        else if (v !== undefined) candidate[k] = v;
    }
    if (Array.isArray(candidate.features)) {
        for (const f of candidate.features) {
            const name = isObject(f) ? String(f.name ?? "") : "";
            const known = FEATURES[name.toLowerCase()];
            if (known && isObject(f) && typeof f.value === "string") candidate[known.input] = known.decode(f.value);
            else dropped.push(`features[${name}]`);
        }
        delete candidate.features;
    }
    return { inputs: (prune(kind, candidate, "", dropped) ?? {}) as JsonObject, dropped };
}

/** The provider's inputs for an example's request: path parameters, then the body in input form. */
export function programInputs(ex: RecordedExample): ProgramInputs {
    const p = ex.parameters;
    const { inputs, dropped } = liftBody(ex.kind, p[BODY_PARAMETER[ex.kind]]);
    for (const name of PATH_NAMES[ex.kind]) inputs[name] = p[name] ?? null;
    return { inputs, dropped };
}

// ---------- the recorded answers ----------

export interface RecordedAnswers {
    putStatus: number;
    /** The PUT's recorded body (provisioningState as recorded: "Creating" for a 201). */
    putBody: JsonObject;
    /** What a GET answers once created: the matching GET example if there is one, else the create's 200 answer. */
    getBody: JsonObject;
}

/**
 * GET examples recorded for the same resource as a create example. Only this pair describes one
 * resource (same name, identity and description); the plain Gallery_Get / GalleryImage_Get /
 * GalleryImageVersion_Get examples record other resources and are not used.
 */
const MATCHING_GET: Record<string, string> = {
    "Gallery_Create_WithManagedIdentity.json": "Gallery_Get_WithManagedIdentity.json",
};

function matchingGet(file: string): JsonObject | undefined {
    const getFile = MATCHING_GET[file];
    if (!getFile) return undefined;
    const ex = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, getFile), "utf8")) as { responses: Record<string, { body?: JsonValue }> };
    const body = futureDates(ex.responses["200"]?.body ?? null);
    return isObject(body) ? body : undefined;
}

export function recordedAnswers(ex: RecordedExample): RecordedAnswers {
    const status = ex.responses["201"] ? 201 : 200;
    const putBody = ex.responses[String(status)]?.body;
    // The 200 answer is the resource as it stands (the PUT on an existing resource); the 201 is mid-creation.
    const full = matchingGet(ex.file) ?? ex.responses["200"]?.body ?? putBody;
    if (!isObject(putBody) || !isObject(full)) throw new Error(`${ex.file}: no recorded body for its PUT`);
    return { putStatus: status, putBody: clone(putBody), getBody: withState(full, "Succeeded") };
}

export function withState(body: JsonObject, state: string): JsonObject {
    const out = clone(body);
    if (isObject(out.properties)) out.properties.provisioningState = state;
    return out;
}

// ---------- variants ----------

/**
 * An ARM id as ARM re-cases it in answers: `resourcegroups`, the provider namespace in lower case,
 * resource group and resource names in upper case.
 */
export function recaseArmId(id: string): string {
    if (!/^\/(subscriptions|providers)\//i.test(id)) return id;
    const parts = id.split("/");
    const providers = parts.findIndex((p) => p.toLowerCase() === "providers");
    return parts
        .map((p, i) => {
            if (p.toLowerCase() === "resourcegroups") return "resourcegroups";
            if (i > 0 && parts[i - 1].toLowerCase() === "resourcegroups") return p.toUpperCase();
            if (providers >= 0 && i === providers + 1) return p.toLowerCase();
            // After the namespace, segments alternate type / name.
            if (providers >= 0 && i > providers + 1 && (i - providers) % 2 === 1) return p.toUpperCase();
            return p;
        })
        .join("/");
}

/** Every ARM id in an answer, values and map keys (user-assigned identities), re-cased. */
export function recaseIds(v: JsonValue): JsonValue {
    if (typeof v === "string") return recaseArmId(v);
    if (Array.isArray(v)) return v.map(recaseIds);
    if (isObject(v)) {
        const out: JsonObject = {};
        for (const [k, x] of Object.entries(v)) if (x !== undefined) out[recaseArmId(k)] = recaseIds(x);
        return out;
    }
    return v;
}

/** "West US" → "westus": the short name a program may write where Azure answers the display name. */
export function shortRegion(name: string): string {
    return name.replace(/\s+/g, "").toLowerCase();
}

/** The inputs with `location` and every target region / edge-zone parent region in short form. */
export function shortRegionInputs(inputs: JsonObject): JsonObject {
    const out = clone(inputs);
    if (typeof out.location === "string") out.location = shortRegion(out.location);
    const pp = isObject(out.properties) && isObject(out.properties.publishingProfile) ? out.properties.publishingProfile : out.publishingProfile;
    if (Array.isArray(out.targetLocations)) for (const r of out.targetLocations) if (isObject(r) && typeof r.name === "string") r.name = shortRegion(r.name);
    if (isObject(pp)) {
        for (const list of [pp.targetRegions, pp.targetExtendedLocations]) {
            if (!Array.isArray(list)) continue;
            for (const r of list) if (isObject(r) && typeof r.name === "string") r.name = shortRegion(r.name);
        }
    }
    return out;
}
