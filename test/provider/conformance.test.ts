/**
 * Every kind's field table against the spec's request model (azure-spec, 2025-12-03) and
 * azure-spec/MUTABILITY.md. The oracle is the spec, MUTABILITY.md and the official examples,
 * never the tables: each rule below reads its expectation from them, and where a table departs from
 * one of them on purpose, the departure is listed here with the source the table follows.
 *
 * Body member `properties.x` is field `x` (a kind whose model does not client-flatten `properties`,
 * `propertiesAsWritten`, writes it `properties.x` as the body does); the envelope's writable members (`location`, `tags`,
 * `identity`) keep their names; a feature field (`feature:`) is an entry of `properties.features[]`.
 * Each failure names the kind, the field and the rule.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { diff } from "../../provider/schema/engine";
import { KINDS, KIND_NAMES, KindName } from "../../provider/schema/kinds";
import { FieldSpec, Inputs, ResourceSpec } from "../../provider/schema/types";
import { JsonValue, isObject } from "../../emulator/json";
import { createExamples, liftBody } from "../recorded/examples";
import { APPLICATION_EXAMPLES_DIR, EXAMPLES_DIR, PROFILE_EXAMPLES_DIR, SCRIPT_EXAMPLES_DIR, MutabilityRow, SpecMember, createOperation, descriptions, mutabilityRows, mutabilityText, requestModel } from "../support/azureSpec";
import { EDGE_ZONE, applicationInputs, applicationVersionInputs, galleryInputs, imageInputs, profileInputs, profileVersionInputs, SCRIPT_LINK, scriptInputs, scriptVersionInputs, versionInputs } from "./inputs";

// ---------- what the tables deliberately do otherwise, each with its reason ----------

/** Inputs that address the resource or steer the provider rather than describe the resource in Azure. */
const PROVIDER_ONLY: Record<string, string> = {
    subscriptionId: "a path parameter of the create PUT: addresses the resource (defaults to the provider's subscription)",
    resourceGroupName: "a path parameter of the create PUT: addresses the resource",
    galleryName: "a path parameter of the create PUT: the gallery's name, or the gallery a definition or version lives in",
    galleryImageName: "a path parameter of the create PUT: the definition's name, or the definition a version lives in",
    galleryImageVersionName: "a path parameter of the create PUT: the version's name",
    galleryApplicationName: "a path parameter of the create PUT: the application's name, or the application a version lives in",
    galleryApplicationVersionName: "a path parameter of the create PUT: the application version's name",
    galleryScriptName: "a path parameter of the create PUT: the script's name, or the script a version lives in",
    galleryScriptVersionName: "a path parameter of the create PUT: the script version's name",
    inVMAccessControlProfileName: "a path parameter of the create PUT: the inVMAccessControlProfile's name, or the profile a version lives in",
    inVMAccessControlProfileVersionName: "a path parameter of the create PUT: the profile version's name",
    adopt: "takes over an existing resource on create; steers one operation",
    restoreSoftDeleted:
        "a create that meets a soft-deleted version of its name restores it (its own request, as GalleryImageVersion_Update_RestoreSoftDeleted.json sends `restore`) instead of sending a new version there; steers one operation",
    "timeouts.create": "how long an up waits; Pulumi's customTimeouts never reach a dynamic provider",
    "timeouts.update": "as timeouts.create",
    "timeouts.delete": "as timeouts.create",
    waitForReplication: "whether an up waits for a version's replication; provider behaviour, not Azure state",
};

/** Writable members of a request model that no field carries, on purpose. */
const UNSUPPORTED: Record<string, Record<string, string>> = {
    GalleryImage: {
        "properties.allowUpdateImage": "a request flag, not state (spec: 'Must be set to true if the gallery image features are being updated'); the engine sends it with every feature change",
        "properties.features[].startsAtVersion":
            "features are typed inputs, one per feature name; from which version on an updated feature applies (GalleryImage_UpdateFeatures.json) is not expressible, and no answer without it is a change",
    },
    GalleryImageVersion: {
        "properties.restore": "a soft-delete restoration request flag (GalleryImageVersion_Update_RestoreSoftDeleted.json), an action rather than state; not echoed",
    },
};

/** Read-only members no output carries: the ARM envelope, which the resource's own inputs and id already say. */
const NOT_REPORTED: Record<string, string> = {
    id: "the resource's ARM id is its Pulumi id (resource.id), which the engine keeps beside the outputs",
    name: "the resource's name is its name input",
    type: "the resource type is the kind",
    systemData: "ARM's audit metadata, not part of the resource's description",
};

/** MUTABILITY.md rows whose "after create" cell speaks of several members at once, and how each is read. */
const COMPOUND_ROWS: Record<string, string> = {
    "…targetRegions[].additionalReplicaSets[]": "'count: yes; type: ?': the count's own spec text says updatable; the type is silent",
    "properties.storageProfile": "'sources: no': each source member has a row of its own",
};

/** Enums the spec does not have (it types the value as a plain string): open, with where the values come from. */
const ENUMS_NOT_IN_SPEC: Record<string, string> = {
    "GalleryImage securityType": "feature SecurityType: the values of Microsoft Learn's Trusted launch and Confidential VM gallery docs; spec GalleryImageFeature.value is a string",
    "GalleryImage diskControllerTypes": "feature DiskControllerTypes: SCSI and NVMe (Microsoft Learn, NVMe overview); spec GalleryImageFeature.value is a string",
};

interface Departure {
    kind: string;
    paths: string[];
    rule: Rule;
    /** The source the table follows instead. */
    follows: string;
}

/** Where the sources disagree among themselves, the table follows one of them: which, and why. */
const DEPARTURES: Departure[] = [
    {
        kind: "GalleryImage",
        paths: ["securityType", "isAcceleratedNetworkSupported", "isHibernateSupported", "diskControllerTypes"],
        rule: "create-only (MUTABILITY.md)",
        follows:
            "MUTABILITY.md's own note on the row ('no, unless allowUpdateImage: true') and GalleryImage_UpdateFeatures.json: features change in place when the request carries allowUpdateImage, which the engine sends with every feature change",
    },
    {
        kind: "GalleryApplicationVersion",
        paths: [
            "publishingProfile.targetExtendedLocations[].name",
            "publishingProfile.targetExtendedLocations[].extendedLocation.type",
            "publishingProfile.targetExtendedLocations[].storageAccountType",
            "publishingProfile.targetExtendedLocations[].encryption.osDiskImage.diskEncryptionSetId",
            "publishingProfile.targetExtendedLocations[].encryption.osDiskImage.securityProfile.confidentialVMEncryptionType",
            "publishingProfile.targetExtendedLocations[].encryption.osDiskImage.securityProfile.secureVMDiskEncryptionSetId",
            "publishingProfile.targetExtendedLocations[].encryption.dataDiskImages",
            "publishingProfile.targetExtendedLocations[].encryption.dataDiskImages[].lun",
            "publishingProfile.targetExtendedLocations[].encryption.dataDiskImages[].diskEncryptionSetId",
        ],
        rule: "create-only (MUTABILITY.md)",
        follows:
            "MUTABILITY.md §8 reads targetExtendedLocations 'as for image versions' (the shared GalleryTargetExtendedLocation): the list changes in place, and §3's rows for its members apply (an edge zone's storage type 'S not updatable', its encryption 'no'; its region is the element's place); this reader takes the list's 'yes' for its members",
    },
    {
        kind: "GalleryScriptVersion",
        paths: [
            "properties.publishingProfile.targetRegions[].storageAccountType",
            "properties.publishingProfile.targetRegions[].encryption.osDiskImage.diskEncryptionSetId",
            "properties.publishingProfile.targetRegions[].encryption.osDiskImage.securityProfile.confidentialVMEncryptionType",
            "properties.publishingProfile.targetRegions[].encryption.osDiskImage.securityProfile.secureVMDiskEncryptionSetId",
            "properties.publishingProfile.targetRegions[].encryption.dataDiskImages",
            "properties.publishingProfile.targetRegions[].encryption.dataDiskImages[].lun",
            "properties.publishingProfile.targetRegions[].encryption.dataDiskImages[].diskEncryptionSetId",
        ],
        rule: "create-only (MUTABILITY.md)",
        follows:
            "MUTABILITY.md §12 reads `…targetRegions[]` 'as GalleryArtifactPublishingProfileBase' (the shared TargetRegion): the list changes in place (regions added, removed, their counts), and §3's rows for a region's members apply (its storage type 'S not updatable', its encryption 'no'); this reader takes the list's 'yes' for its members",
    },
    {
        kind: "GalleryInVMAccessControlProfileVersion",
        paths: [
            "targetLocations[].storageAccountType",
            "targetLocations[].encryption.osDiskImage.diskEncryptionSetId",
            "targetLocations[].encryption.osDiskImage.securityProfile.confidentialVMEncryptionType",
            "targetLocations[].encryption.osDiskImage.securityProfile.secureVMDiskEncryptionSetId",
            "targetLocations[].encryption.dataDiskImages",
            "targetLocations[].encryption.dataDiskImages[].lun",
            "targetLocations[].encryption.dataDiskImages[].diskEncryptionSetId",
        ],
        rule: "create-only (MUTABILITY.md)",
        follows:
            "MUTABILITY.md §10: targetLocations are 'items of the shared `TargetRegion` type' ('S This property is updatable': regions added, removed, their counts), and §3's rows for a region's members apply (its storage type 'S not updatable', its encryption 'no'); this reader takes the list's 'yes' for its members",
    },
    {
        kind: "Gallery",
        paths: ["sharingProfile.communityGalleryInfo.communityGalleryEnabled"],
        rule: "read-only",
        follows: "the spec's SharingUpdate operation EnableCommunity (POST /share): read-only in the body, switched on through the action, so an input with `action`",
    },
];

/** Members Azure echoes when the request leaves them out, whose echo is not a fixed default. */
const ECHOES_NOT_DEFAULTS: Record<string, string> = {
    "properties.publishingProfile.targetRegions[].storageAccountType":
        "follows the region's zones and the version's storage type or strategy (spec StorageAccountStrategy: 'Choose Standard_ZRS storage if the region supports it, else … Standard_LRS'): Standard_LRS in West US and Standard_ZRS in East US within one answer",
};

/** Defaults the tables hold that no spec text, MUTABILITY.md note or echo states, with what they rest on. */
const DEFAULTS_FROM_ELSEWHERE: Record<string, string> = {
    "Gallery identity.type": "no identity is 'None' (spec GalleryIdentity.type: 'The type 'None' will remove all identities from the gallery'); Gallery_Create.json's answers carry none",
    "Gallery sharingProfile.permissions":
        "a gallery never shared is Private: Gallery_Create.json's answers carry no sharing profile, and only Groups and Community share (share-gallery-direct.md, share-gallery-community.md)",
    "Gallery softDeletePolicy.isSoftDeleteEnabled": "soft delete is opt-in: Gallery_Create.json's answers carry no policy, Gallery_Create_SoftDeletionEnabled.json turns it on",
    "GalleryImageVersion safetyProfile.blockDeletionBeforeEndOfLife": "GalleryImageVersion_Get.json reports false for a version that never set it",
    "GalleryImageVersion safetyProfile.allowDeletionOfReplicatedLocations":
        "GalleryImageVersion_Create_WithStorageAccountStrategy.json answers false for a request with no safetyProfile at all (an echo outside any object the request sent, which the echo rule does not read)",
    // A region sent without direct-drive replica sets has none: GalleryImageVersion_Create.json sends
    // West US and East US without any, and every answer carries none for them. The shared TargetRegion
    // holds it for every versioned kind.
    ...Object.fromEntries(
        [
            "GalleryImageVersion publishingProfile.targetRegions[].additionalReplicaSets",
            "GalleryApplicationVersion publishingProfile.targetRegions[].additionalReplicaSets",
            "GalleryScriptVersion properties.publishingProfile.targetRegions[].additionalReplicaSets",
            "GalleryInVMAccessControlProfileVersion targetLocations[].additionalReplicaSets",
        ].map((k) => [k, "none: GalleryImageVersion_Create.json's regions, sent without replica sets, are answered without any (the shared TargetRegion)"]),
    ),
    // The publishing profile application versions share with image versions (GalleryArtifactPublishingProfileBase,
    // GalleryArtifactSafetyProfileBase): the same defaults, documented for image versions.
    "GalleryApplicationVersion publishingProfile.replicaCount": "the shared publishing profile: MUTABILITY.md §3 'Examples echo `1` when not given'",
    "GalleryApplicationVersion publishingProfile.targetRegions[].regionalReplicaCount": "spec TargetRegion.regionalReplicaCount (shared): a region without its own count takes the version's replicaCount",
    "GalleryApplicationVersion publishingProfile.targetRegions[].excludeFromLatest": "the shared TargetRegion: MUTABILITY.md §3 'per-region … `excludeFromLatest: false`'; GalleryApplicationVersion_Get.json answers false",
    "GalleryApplicationVersion publishingProfile.targetExtendedLocations[].storageAccountType": "the shared GalleryTargetExtendedLocation: GalleryImageVersion_Create_WithTargetExtendedLocations.json answers 'StandardSSD_LRS(default)'",
    "GalleryApplicationVersion publishingProfile.replicationMode": "MUTABILITY.md §8 reads replicationMode 'as for image versions'; §3: 'Default Full'",
    "GalleryApplicationVersion safetyProfile.allowDeletionOfReplicatedLocations": "GalleryApplicationVersion_Get.json reports false; the shared GalleryArtifactSafetyProfileBase, as for image versions",
    // A profile version's target locations are the shared TargetRegion (MUTABILITY.md §10).
    "GalleryInVMAccessControlProfileVersion targetLocations[].regionalReplicaCount": "spec TargetRegion.regionalReplicaCount (shared): a region without its own count takes the version's replicaCount, 1 where there is none (MUTABILITY.md §3 'Examples echo `1` when not given')",
    "GalleryInVMAccessControlProfileVersion targetLocations[].excludeFromLatest": "the shared TargetRegion: MUTABILITY.md §3 'per-region … `excludeFromLatest: false`'",
    "GalleryInVMAccessControlProfileVersion excludeFromLatest": "MUTABILITY.md §10: 'answers echo `false`' (GalleryInVMAccessControlProfileVersion_Get.json)",
    // Script versions share the same publishing profile (MUTABILITY.md §12 'as GalleryArtifactPublishingProfileBase'), under `properties`.
    "GalleryScriptVersion properties.publishingProfile.replicaCount": "the shared publishing profile: MUTABILITY.md §3 'Examples echo `1` when not given'",
    "GalleryScriptVersion properties.publishingProfile.targetRegions[].regionalReplicaCount": "spec TargetRegion.regionalReplicaCount (shared): a region without its own count takes the version's replicaCount",
    "GalleryScriptVersion properties.publishingProfile.targetRegions[].excludeFromLatest": "the shared TargetRegion: MUTABILITY.md §3 'per-region … `excludeFromLatest: false`'",
    "GalleryScriptVersion properties.publishingProfile.targetExtendedLocations[].storageAccountType": "the shared GalleryTargetExtendedLocation: GalleryImageVersion_Create_WithTargetExtendedLocations.json answers 'StandardSSD_LRS(default)'",
    "GalleryScriptVersion properties.publishingProfile.storageAccountType": "the shared publishing profile: without a strategy the official create answers report Standard_LRS (GalleryImageVersion_Create.json and nine more)",
    "GalleryScriptVersion properties.publishingProfile.replicationMode": "the shared publishing profile: MUTABILITY.md §3 'Default Full'",
    "GalleryScriptVersion properties.safetyProfile.allowDeletionOfReplicatedLocations": "the shared GalleryArtifactSafetyProfileBase, as for image versions (GalleryImageVersion_Get.json reports false)",
};

/** Spec descriptions that say "default" without stating a value Azure applies. */
const DEFAULT_WORDING_NOT_A_DEFAULT: Record<string, string> = {
    UefiSignatureTemplateName: "'default UEFI keys' are the keys a template carries, not a value applied when one is left out",
    "GalleryImageVersionUefiSettings.signatureTemplateNames": "as UefiSignatureTemplateName",
    "GalleryApplicationCustomActionParameter.defaultValue": "the parameter's own default, a value the program gives (the member itself), not one Azure applies",
    "GenericGalleryParameter.defaultValue": "a script parameter's own default, a value the program gives (no kind of this package uses it yet)",
};

/** Defaults MUTABILITY.md states in its notes: the quote, and the field and value it gives. */
const MUTABILITY_DEFAULTS: { kind: string; row: string; field: string; value: string | number | boolean; quote: string; inputs?: Inputs }[] = [
    { kind: "GalleryImage", row: "properties.hyperVGeneration", field: "hyperVGeneration", value: "V2", quote: "all new Compute Gallery image definitions default to `hyperVGeneration: V2`" },
    { kind: "GalleryImage", row: "properties.hyperVGeneration", field: "securityType", value: "TrustedLaunchSupported", quote: "`SecurityType: TrustedLaunchSupported`", inputs: { hyperVGeneration: "V2" } },
    { kind: "GalleryImage", row: "properties.architecture", field: "architecture", value: "x64", quote: "default x64" },
    { kind: "GalleryImageVersion", row: "…publishingProfile.replicationMode", field: "publishingProfile.replicationMode", value: "Full", quote: "Default Full" },
    { kind: "GalleryImageVersion", row: "…publishingProfile.replicaCount", field: "publishingProfile.replicaCount", value: 1, quote: "Examples echo `1` when not given" },
    {
        kind: "GalleryImageVersion",
        row: "…targetRegions[].excludeFromLatest",
        field: "publishingProfile.targetRegions[].excludeFromLatest",
        value: false,
        quote: "per-region `storageAccountType` (Standard_LRS unless given) and `excludeFromLatest: false`",
    },
    {
        kind: "GalleryImageVersion",
        row: "…publishingProfile.storageAccountStrategy",
        field: "publishingProfile.storageAccountStrategy",
        value: "PreferStandard_ZRS",
        quote: "this is the default strategy (from API version 2025-03-03 onwards)",
    },
    { kind: "GalleryApplicationVersion", row: "…excludeFromLatest", field: "publishingProfile.excludeFromLatest", value: false, quote: "V Yes, default false" },
    { kind: "GalleryApplicationVersion", row: "…storageAccountType", field: "publishingProfile.storageAccountType", value: "Standard_LRS", quote: "Defaults to Standard_LRS" },
];

// ---------- the tables, flattened ----------

type Rule =
    | "member exists"
    | "path parameter"
    | "provider-only"
    | "read-only"
    | "create-only (x-ms-mutability)"
    | "create-only (spec wording)"
    | "create-only (MUTABILITY.md)"
    | "enum values"
    | "extensible enum"
    | "type"
    | "output is read-only"
    | "read-only reported"
    | "writable member covered"
    | "default";

interface Problem {
    kind: string;
    path: string;
    rule: Rule;
    text: string;
}

interface Entry {
    field: FieldSpec;
    /** The field's path, `[]` between a list and its elements' fields. */
    path: string;
    /** The body member it is sent as. */
    body: string;
    /** Whether it is an element field of a list. */
    inList: boolean;
    /** The action it changes through: its own, or its list's. */
    action?: string;
}

const KIND_OF_SPEC = (spec: ResourceSpec): string => spec.kind;

/** The request model's own top-level members besides `properties` (the ARM envelope a program writes). */
function envelope(members: SpecMember[]): string[] {
    return members.filter((m) => !m.path.includes(".") && !m.readOnly && m.path !== "properties").map((m) => m.path);
}

function entries(spec: ResourceSpec, members: SpecMember[]): Entry[] {
    const top = envelope(members);
    const out: Entry[] = [];
    const visit = (fields: FieldSpec[], atField: string, atBody: string, action: string | undefined) => {
        for (const f of fields) {
            const p = atField ? `${atField}[].${f.path}` : f.path;
            const body = f.feature
                ? `properties.features[${f.feature}]`
                : atBody
                  ? `${atBody}[].${f.path}`
                  : top.includes(f.path.split(".")[0]) || spec.propertiesAsWritten
                    ? f.path
                    : `properties.${f.path}`;
            out.push({ field: f, path: p, body, inList: atField !== "", action: f.action ?? action });
            if (f.type === "list" && f.items) visit(f.items.fields, p, body, f.action ?? action);
        }
    };
    visit(spec.fields, "", "", undefined);
    return out;
}

const strip = (p: string) => p.replace(/\[\]/g, "");
/** `a` is `b` or lies above it. */
const above = (a: string, b: string) => strip(b) === strip(a) || strip(b).startsWith(`${strip(a)}.`);
const parentOf = (p: string) => (p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "");

// ---------- MUTABILITY.md, read per kind ----------

type Verdict = "update" | "replace" | "partial" | "readOnly" | "action" | "key" | "requestFlag" | "silent" | "transparent";

/** The "after create" cell as a verdict; undefined for wording this reader does not know. */
function verdictOf(cell: string): Verdict | undefined {
    const c = cell.replace(/[*`]/g, "").trim().toLowerCase();
    // An empty cell, or a dash, says nothing of the member (custom actions' members; encryption, refused altogether).
    if (c === "" || c === "—") return "silent";
    // "partially": one part changes in place, the rest is fixed (a SAS URL's token, §8).
    if (c.startsWith("partially")) return "partial";
    if (/^yes\b/.test(c) || c.startsWith("? (assume yes)")) return "update";
    if (/^no\b/.test(c) || c.startsWith("? (treat as create-only)")) return "replace";
    if (c === "ro") return "readOnly";
    if (c.startsWith("action")) return "action";
    if (c === "key") return "key";
    if (c === "request flag") return "requestFlag";
    if (c === "see members") return "transparent";
    if (c.startsWith("?")) return "silent";
    return undefined;
}

interface KindDocs {
    rows: { row: MutabilityRow; path: string; member: string; verdict: Verdict }[];
    problems: string[];
}

/** The MUTABILITY.md section of a kind: the one whose heading names the tail of the kind's create path. */
function mutabilityOf(definition: string, members: SpecMember[]): KindDocs {
    const put = createOperation(definition);
    const all = mutabilityRows();
    const sections = [...new Set(all.map((r) => r.section))].filter((s) => {
        const tail = /`([^`]+)`/.exec(s)?.[1]?.replace(/^…/, "");
        // A heading may abbreviate the path parameters (`{p}/versions/{v}`): they match any name.
        const bare = (p: string) => p.replace(/\{[^}]*\}/g, "{}");
        return tail !== undefined && put !== undefined && bare(put.path).endsWith(bare(tail));
    });
    const problems: string[] = [];
    if (sections.length !== 1) problems.push(`MUTABILITY.md has ${sections.length} sections for ${definition} (${put?.path ?? "no create operation"}): ${sections.join("; ")}`);
    const rows: KindDocs["rows"] = [];
    const depth = (p: string) => p.split(".").length;
    for (const row of all.filter((r) => r.section === sections[0])) {
        const compound = row.paths.find((p) => COMPOUND_ROWS[p] !== undefined);
        // "no / no / yes" beside three paths: each path its own verdict, in order.
        const cells = row.afterCreate.split(" / ");
        const perPath = !compound && row.paths.length > 1 && cells.length === row.paths.length;
        const verdict = compound ? "silent" : perPath ? undefined : verdictOf(row.afterCreate);
        if (!verdict && !perPath) problems.push(`MUTABILITY.md line ${row.line}: "after create" reads "${row.afterCreate}", which this test cannot read (add it to COMPOUND_ROWS with how it is read)`);
        row.paths.forEach((p, i) => {
            // A row naming a path parameter (`galleryApplicationName`) gives its name rule: the path-parameter rule reads it.
            if (put?.pathParameters.includes(p)) return;
            const own = perPath ? verdictOf(cells[i]) : verdict;
            if (perPath && !own) problems.push(`MUTABILITY.md line ${row.line}: "after create" reads "${cells[i]}" for \`${p}\`, which this test cannot read`);
            // "`properties.eula`, `privacyStatementUri`, …": a bare name after a dotted first path shares its parent.
            const first = row.paths[0].replace(/\[\]$/, "");
            const shared = i > 0 && !p.includes(".") && !p.startsWith("…") && first.includes(".") && !members.some((m) => m.path === p) ? `${parentOf(first)}.` : "";
            const wanted = shared + p.replace(/\[\]$/, "");
            const all = members.filter((m) => (wanted.startsWith("…") ? m.path === wanted.slice(1) || m.path.endsWith(`.${wanted.slice(1)}`) : m.path === wanted));
            // An elided prefix names the least nested members it can (`…storageAccountType` is the
            // publishing profile's, not each region's, which have rows of their own).
            const matches = all.filter((m) => depth(m.path) === Math.min(...all.map((x) => depth(x.path))));
            if (matches.length === 0) problems.push(`MUTABILITY.md line ${row.line}: \`${p}\` is no member of ${definition} in the spec`);
            for (const m of matches) rows.push({ row, path: p, member: m.path, verdict: own ?? "silent" });
        });
    }
    return { rows, problems };
}

/** The nearest row at or above a member ("see members" rows pass the question on). */
function docVerdict(docs: KindDocs, member: string): { verdict: Verdict; line: number } | undefined {
    for (let at = member; at; at = parentOf(at).replace(/\[\]$/, "")) {
        const own = docs.rows.filter((r) => r.member === at && r.verdict !== "transparent");
        if (own.length > 0) return { verdict: own[0].verdict, line: own[0].row.line };
        if (!at.includes(".")) break;
    }
    return undefined;
}

/** The spec's own wording on a member, or on an object above it (not across an array's elements). */
function wordingVerdict(byPath: Map<string, SpecMember>, member: string): Verdict | undefined {
    for (let at = member; at; ) {
        const m = byPath.get(at);
        const text = m?.description ?? "";
        if (/not updatable/i.test(text)) return "replace";
        if (/\b(is|are) updatable/i.test(text)) return "update";
        const up = parentOf(at);
        if (!up || up.endsWith("[]")) return undefined;
        at = up;
    }
    return undefined;
}

// ---------- the official examples ----------

interface Example {
    file: string;
    responses: Record<string, { body?: JsonValue }>;
    parameters: Record<string, JsonValue>;
}

function examplesOf(definition: string): Example[] {
    const prefix = definition === "Gallery" ? /^(Gallery|CommunityGallery)_/ : new RegExp(`^${definition}_`);
    return [EXAMPLES_DIR, APPLICATION_EXAMPLES_DIR, SCRIPT_EXAMPLES_DIR, PROFILE_EXAMPLES_DIR].flatMap((dir) =>
        fs
            .readdirSync(dir)
            .filter((f) => prefix.test(f))
            .map((file) => ({ file, ...(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Omit<Example, "file">) })),
    );
}

/** Every scalar in an answer, at its member path (`[]` for elements). */
function scalars(v: JsonValue | undefined, at: string, out: { path: string; value: JsonValue }[] = []): { path: string; value: JsonValue }[] {
    if (Array.isArray(v)) v.forEach((x) => scalars(x, `${at}[]`, out));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) scalars(x, at ? `${at}.${k}` : k, out);
    else if (v !== undefined) out.push({ path: at, value: v });
    return out;
}

/** The resources in an answer: the body, or each of a list's `value`. */
function resources(body: JsonValue | undefined): JsonValue[] {
    return isObject(body) && Array.isArray(body.value) ? body.value : body === undefined ? [] : [body];
}

const squash = (v: JsonValue | undefined) => String(v).replace(/\s+/g, "").toLowerCase();

/** The request's element an answer's element is, by the array's x-ms-identifiers (regions by ARM's key), else by position. */
function matchElement(request: JsonValue[], element: JsonValue, index: number, identifiers: string[] | undefined): JsonValue | undefined {
    if (!identifiers || identifiers.length === 0) return request[index];
    const keyOf = (e: JsonValue) => identifiers.map((id) => squash(id.split("/").reduce<JsonValue | undefined>((o, k) => (isObject(o) ? o[k] : undefined), e))).join("|");
    return request.find((r) => keyOf(r) === keyOf(element));
}

/** Scalars an answer carries that the request left out, inside objects the request did send. */
function echoes(request: JsonValue | undefined, answer: JsonValue | undefined, at: string, byPath: Map<string, SpecMember>, out: { path: string; value: JsonValue }[]): void {
    if (!isObject(request) || !isObject(answer)) return;
    for (const [k, v] of Object.entries(answer)) {
        if (v === undefined) continue;
        const p = at ? `${at}.${k}` : k;
        const sent = request[k];
        if (sent === undefined) {
            if (!isObject(v) && !Array.isArray(v)) out.push({ path: p, value: v });
        } else if (Array.isArray(v) && Array.isArray(sent)) {
            v.forEach((e, i) => echoes(matchElement(sent, e, i, byPath.get(p)?.identifiers), e, `${p}[]`, byPath, out));
        } else {
            echoes(sent, v, p, byPath, out);
        }
    }
}

/** A value Azure notes as its default in its answer: "StandardSSD_LRS(default)". */
const NOTED_DEFAULT = /^(.*\S)\s*\(default\)$/i;

// ---------- helpers ----------

interface Documented {
    source: string;
    entry: Entry | undefined;
    /** The body member. */
    member: string;
    value: JsonValue;
    /** The inputs it holds for (a default may follow other inputs); one set per official request. */
    inputs: Inputs[];
}

function defaultOf(f: FieldSpec, inputs: Inputs): unknown {
    return typeof f.default === "function" ? f.default(inputs) : f.default;
}

const same = (a: unknown, b: unknown) => (typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b);

function listed(d: Departure, p: Problem): boolean {
    return d.kind === p.kind && d.rule === p.rule && d.paths.includes(p.path);
}

/** Fails with every problem not listed as a departure, and with every departure that no longer departs. */
function judge(problems: Problem[], kind: string, rules: Rule[]): void {
    const open = problems.filter((p) => !DEPARTURES.some((d) => listed(d, p)));
    const stale = DEPARTURES.filter((d) => d.kind === kind && rules.includes(d.rule)).flatMap((d) =>
        d.paths.filter((p) => !problems.some((x) => x.kind === kind && x.rule === d.rule && x.path === p)).map((p) => `${kind} ${p}: listed in DEPARTURES for [${d.rule}], but the table agrees with the sources now`),
    );
    const lines = [...open.map((p) => `${p.kind} ${p.path}: [${p.rule}] ${p.text}`), ...stale];
    assert.ok(lines.length === 0, `\n${lines.join("\n")}`);
}

function valueAt(f: FieldSpec, entry: Entry, inputs: Inputs, value: unknown): Inputs {
    const out = JSON.parse(JSON.stringify(inputs)) as Inputs;
    const parts = entry.path.split("[].");
    let cur: Record<string, unknown> = out;
    parts.forEach((part, i) => {
        const segs = part.split(".");
        for (const s of segs.slice(0, -1)) cur = (cur[s] ??= {}) as Record<string, unknown>;
        const last = segs[segs.length - 1];
        if (i === parts.length - 1) cur[last] = value;
        else {
            const list = cur[last];
            if (!Array.isArray(list) || !isObject(list[0] as JsonValue)) throw new Error(`${entry.path}: the base inputs have no element to set ${f.path} in`);
            cur = list[0] as Record<string, unknown>;
        }
    });
    return out;
}

/** Minimal valid inputs of each kind, with an element in every list a documented default lives in. */
const BASE: Record<KindName, () => Inputs> = {
    gallery: () => galleryInputs(),
    galleryImage: () => imageInputs(),
    galleryImageVersion: () => versionInputs({}, { targetExtendedLocations: [{ ...EDGE_ZONE }] }),
    galleryApplication: () => applicationInputs({ customActions: [{ name: "restart", script: "./restart.sh", parameters: [{ name: "delay" }] }] }),
    galleryApplicationVersion: () =>
        applicationVersionInputs({}, { targetExtendedLocations: [{ ...EDGE_ZONE }], customActions: [{ name: "restart", script: "./restart.sh", parameters: [{ name: "delay" }] }] }),
    galleryScript: () => scriptInputs(),
    galleryScriptVersion: () => scriptVersionInputs({}, { targetExtendedLocations: [{ ...EDGE_ZONE }], source: { scriptLink: SCRIPT_LINK, parameters: [{ name: "delay" }] } }),
    galleryInVMAccessControlProfile: () => profileInputs(),
    galleryInVMAccessControlProfileVersion: () =>
        profileVersionInputs({
            rules: {
                privileges: [{ name: "GoalState", path: "/machine", queryParameters: { comp: "goalstate" } }],
                roles: [{ name: "Provisioning", privileges: ["GoalState"] }],
                identities: [{ name: "agent" }],
                roleAssignments: [{ role: "Provisioning", identities: ["agent"] }],
            },
        }),
};

// ---------- the rules ----------

for (const name of KIND_NAMES) {
    const spec = KINDS[name];
    const definition = KIND_OF_SPEC(spec);

    describe(`${spec.kind}: the field table against the spec's ${definition} and MUTABILITY.md`, () => {
        const members = requestModel(definition);
        const byPath = new Map(members.map((m) => [m.path, m]));
        const table = entries(spec, members);
        const docs = mutabilityOf(definition, members);
        const featureRow = docs.rows.find((r) => r.member === "properties.features");
        const memberOf = (e: Entry): SpecMember | undefined => (e.field.feature ? byPath.get("properties.features[].value") : byPath.get(e.body));
        /** Read-only: flagged, or an object all of whose members are. */
        const readOnly = (m: SpecMember): boolean => m.readOnly || (m.hasMembers && members.filter((x) => parentOf(x.path).replace(/\[\]$/, "") === m.path).every(readOnly));
        const problem = (out: Problem[], e: { path: string }, rule: Rule, text: string) => out.push({ kind: spec.kind, path: e.path, rule, text });

        it("MUTABILITY.md has a section for it, each row names a member of the spec and reads as a verdict", () => {
            assert.deepStrictEqual(docs.problems, []);
            assert.ok(docs.rows.length > 0);
        });

        it("every field is a member of the spec, a path parameter, or provider-only with a reason", () => {
            const out: Problem[] = [];
            const params = createOperation(definition)?.pathParameters ?? [];
            for (const p of params) {
                const f = spec.fields.find((x) => x.path === p);
                if (!f) problem(out, { path: p }, "path parameter", `the create PUT's path parameter {${p}} has no field`);
                else if (f.inModel !== false || f.onChange !== "replace") problem(out, { path: p }, "path parameter", "a path parameter addresses the resource: inModel false, onChange replace");
                if (PROVIDER_ONLY[p] === undefined) problem(out, { path: p }, "path parameter", "a path parameter of the create PUT not listed in PROVIDER_ONLY with its reason");
            }
            for (const e of table) {
                const f = e.field;
                if (f.inModel === false) {
                    if (PROVIDER_ONLY[e.path] === undefined) problem(out, e, "provider-only", "inModel: false, but not listed in PROVIDER_ONLY with its reason");
                    if (byPath.has(e.body)) problem(out, e, "provider-only", `inModel: false, yet ${e.body} is a member of the request body`);
                    continue;
                }
                if (f.feature) {
                    if (!byPath.has("properties.features[].name")) problem(out, e, "member exists", "a feature field, but the spec has no properties.features[]");
                    else if (!featureRow || !featureRow.row.notes.includes(f.feature)) problem(out, e, "member exists", `feature ${f.feature} is not among the features MUTABILITY.md's properties.features[] row names`);
                    continue;
                }
                if (!byPath.has(e.body)) problem(out, e, "member exists", `${e.body} is no member of ${definition}; mark it inModel: false (with a PROVIDER_ONLY reason) or fix the path`);
            }
            for (const p of Object.keys(PROVIDER_ONLY)) {
                const e = table.find((x) => x.path === p);
                if (e && e.field.inModel !== false) problem(out, e, "provider-only", "listed in PROVIDER_ONLY, but the field is inModel");
            }
            judge(out, spec.kind, ["path parameter", "provider-only", "member exists"]);
        });

        it("read-only members are never inputs (unless changed through an action MUTABILITY.md names)", () => {
            const out: Problem[] = [];
            for (const e of table) {
                const m = memberOf(e);
                if (!m || e.field.inModel === false || !readOnly(m)) continue;
                const doc = docVerdict(docs, m.path);
                if (e.action && doc?.verdict === "action") continue;
                problem(out, e, "read-only", `${m.path} is read-only in the spec${doc ? ` (MUTABILITY.md line ${doc.line}: ${doc.verdict})` : ""}, yet an input`);
            }
            judge(out, spec.kind, ["read-only"]);
        });

        it("create-only (onChange replace) agrees with x-ms-mutability, the spec's 'updatable' wording and MUTABILITY.md's 'after create'", () => {
            const out: Problem[] = [];
            for (const e of table) {
                const m = e.field.feature ? byPath.get("properties.features") : byPath.get(e.body);
                if (!m || e.field.inModel === false) continue;
                const costs: [string, string][] = [["onChange", e.action ? "action" : e.field.onChange]];
                if (e.field.items) costs.push(["items.onAdd", e.field.items.onAdd], ["items.onRemove", e.field.items.onRemove]);
                const x = m.mutability ? (m.mutability.includes("update") ? "update" : m.mutability.includes("create") ? "replace" : "readOnly") : undefined;
                const sources: [Rule, Verdict | undefined, string][] = [
                    ["create-only (x-ms-mutability)", x, `x-ms-mutability ${JSON.stringify(m.mutability)}`],
                    ["create-only (spec wording)", e.field.feature ? undefined : wordingVerdict(byPath, m.path), "the spec's description"],
                    ["create-only (MUTABILITY.md)", docVerdict(docs, m.path)?.verdict, `MUTABILITY.md line ${docVerdict(docs, m.path)?.line ?? "?"}`],
                ];
                for (const [rule, verdict, where] of sources) {
                    if (verdict === "partial") {
                        if (!e.field.updatablePart || e.field.onChange !== "replace")
                            problem(out, e, rule, `${where} says only part of it changes in place: the field must be onChange replace with an updatablePart (it is ${e.field.onChange}, updatablePart ${String(e.field.updatablePart)})`);
                    } else if (verdict === "update" || verdict === "replace") {
                        for (const [attr, cost] of costs) if (cost !== verdict) problem(out, e, rule, `${where} says ${verdict}, the table's ${attr} is ${cost}`);
                    } else if (verdict === "action" && !e.action) {
                        problem(out, e, rule, `${where} says it changes through an action, but the field has no \`action\``);
                    } else if (verdict === "requestFlag") {
                        problem(out, e, rule, `${where} calls it a request flag, not state: list it in UNSUPPORTED instead of a field`);
                    }
                }
            }
            judge(out, spec.kind, ["create-only (x-ms-mutability)", "create-only (spec wording)", "create-only (MUTABILITY.md)"]);
        });

        it("enum values are the spec's, open exactly where the spec's enum is modelAsString", () => {
            const out: Problem[] = [];
            for (const e of table) {
                const m = memberOf(e);
                if (!m || e.field.inModel === false) continue;
                const f = e.field;
                const key = `${spec.kind} ${e.path}`;
                if (m.enum) {
                    const missing = m.enum.values.filter((v) => !f.enum?.includes(v));
                    const extra = (f.enum ?? []).filter((v) => !m.enum!.values.includes(v));
                    if (!f.enum) problem(out, e, "enum values", `the spec's enum ${m.enum.name ?? ""} (${m.enum.values.join(", ")}) is not on the field`);
                    else if (missing.length + extra.length > 0) problem(out, e, "enum values", `spec ${m.enum.name ?? ""}: missing ${JSON.stringify(missing)}, not in the spec ${JSON.stringify(extra)}`);
                    if (m.enum.modelAsString !== (f.extensible === true))
                        problem(out, e, "extensible enum", `the spec's ${m.enum.name ?? "enum"} has modelAsString ${m.enum.modelAsString}; the field's extensible is ${f.extensible === true}`);
                } else if (f.enum) {
                    if (ENUMS_NOT_IN_SPEC[key] === undefined) problem(out, e, "enum values", `the spec has no enum for ${m.path}; list where the values come from in ENUMS_NOT_IN_SPEC`);
                    if (f.extensible !== true) problem(out, e, "extensible enum", `the spec types ${m.path} as a plain string, so Azure may send or take other values: the field must be extensible`);
                }
            }
            for (const key of Object.keys(ENUMS_NOT_IN_SPEC).filter((k) => k.startsWith(`${spec.kind} `))) {
                const e = table.find((x) => `${spec.kind} ${x.path}` === key);
                if (!e?.field.enum) problem(out, { path: key.slice(spec.kind.length + 1) }, "enum values", "listed in ENUMS_NOT_IN_SPEC, but no such enum field");
            }
            judge(out, spec.kind, ["enum values", "extensible enum"]);
        });

        it("field types are the spec's", () => {
            const out: Problem[] = [];
            for (const e of table) {
                const m = byPath.get(e.body);
                if (!m || e.field.feature || e.field.inModel === false) continue;
                const want: Record<FieldSpec["type"], (x: SpecMember) => boolean> = {
                    string: (x) => x.type === "string" && x.format !== "date-time",
                    region: (x) => x.type === "string",
                    armId: (x) => x.type === "string",
                    date: (x) => x.type === "string" && x.format === "date-time",
                    integer: (x) => x.type === "integer",
                    boolean: (x) => x.type === "boolean",
                    stringList: (x) => x.type === "array" && x.itemType === "string",
                    list: (x) => x.type === "array" && x.itemType === "object",
                    object: (x) => x.type === "object" && x.hasMembers,
                    idMap: (x) => x.type === "object" && x.itemType === "map",
                    stringMap: (x) => x.type === "object" && x.itemType === "map",
                };
                if (!want[e.field.type](m)) problem(out, e, "type", `a ${e.field.type} field, but the spec's ${m.path} is ${m.type}${m.format ? ` (${m.format})` : ""}${m.itemType ? ` of ${m.itemType}` : ""}`);
            }
            judge(out, spec.kind, ["type"]);
        });

        it("outputs are read-only members, and every read-only member is reported", () => {
            const out: Problem[] = [];
            const top = envelope(members);
            const bodyOf = (from: string) => (top.includes(from.split(".")[0]) || from === "id" || spec.propertiesAsWritten ? from : `properties.${from}`);
            for (const o of spec.outputs) {
                const m = byPath.get(bodyOf(o.from));
                if (!m) problem(out, { path: o.name }, "output is read-only", `output from ${o.from}: ${bodyOf(o.from)} is no member of ${definition}`);
                else if (!readOnly(m)) problem(out, { path: o.name }, "output is read-only", `output from ${o.from}, but ${m.path} is writable: make it a field`);
            }
            const reported = [...spec.outputs.map((o) => bodyOf(o.from)), ...table.filter((e) => !e.inList && e.field.inModel !== false && !e.field.feature).map((e) => e.body)];
            for (const m of members.filter((x) => readOnly(x))) {
                const parent = byPath.get(parentOf(m.path).replace(/\[\]$/, ""));
                if (parent && readOnly(parent)) continue; // reported with its parent
                if (NOT_REPORTED[m.path] !== undefined) continue;
                if (!reported.some((r) => above(r, m.path))) problem(out, { path: m.path }, "read-only reported", "read-only in the spec, but no output (or reported field above it) carries it; add an output or list it in NOT_REPORTED");
            }
            judge(out, spec.kind, ["output is read-only", "read-only reported"]);
        });

        it("every writable member of the request model is a field, or unsupported with a reason", () => {
            const out: Problem[] = [];
            const wholesale = table.filter((e) => ["object", "idMap", "stringMap", "stringList"].includes(e.field.type) && !e.field.feature);
            const unsupported = UNSUPPORTED[definition] ?? {};
            for (const m of members) {
                if (readOnly(m) || (m.hasMembers && m.itemType !== "map")) continue;
                if (members.some((x) => readOnly(x) && above(x.path, m.path))) continue;
                const covered =
                    table.some((e) => e.body === m.path) ||
                    wholesale.some((e) => above(e.body, m.path)) ||
                    (["properties.features[].name", "properties.features[].value"].includes(m.path) && table.some((e) => e.field.feature));
                if (covered && unsupported[m.path] !== undefined) problem(out, { path: m.path }, "writable member covered", "listed in UNSUPPORTED, but a field carries it");
                if (!covered && unsupported[m.path] === undefined) problem(out, { path: m.path }, "writable member covered", `a writable member of ${definition} that no field carries: add a field, or list it in UNSUPPORTED with the reason`);
            }
            for (const p of Object.keys(unsupported)) if (!byPath.has(p)) problem(out, { path: p }, "writable member covered", `listed in UNSUPPORTED, but ${definition} has no such member`);
            judge(out, spec.kind, ["writable member covered"]);
        });

        /** Every documented default of this kind: where it is documented, the field, the value and the inputs it holds for. */
        function documentedDefaults(): Documented[] {
            const out: Documented[] = [];
            const entryOf = (member: string) => table.find((e) => e.body === member);
            // The spec: an enum value whose description says it is the default.
            for (const m of members) {
                for (const [value, text] of Object.entries(m.enum?.valueDescriptions ?? {})) {
                    if (/\bthis is the default\b/i.test(text)) out.push({ source: `spec ${m.enum?.name ?? m.path}.${value}: "${text}"`, entry: entryOf(m.path), member: m.path, value, inputs: [{}] });
                }
            }
            // MUTABILITY.md's notes.
            for (const d of MUTABILITY_DEFAULTS.filter((x) => x.kind === spec.kind)) {
                const e = table.find((x) => x.path === d.field);
                out.push({ source: `MUTABILITY.md (${d.row}): "${d.quote}"`, entry: e, member: e?.body ?? d.field, value: d.value, inputs: [d.inputs ?? {}] });
            }
            // The official create examples: what an answer adds inside an object the request sent
            // (one entry per member and value, with every example's inputs).
            const echoed = new Map<string, Documented & { files: Set<string> }>();
            for (const ex of createExamples().filter((x) => KINDS[x.kind].kind === spec.kind)) {
                const request = Object.values(ex.parameters).find(isObject);
                const inputs = liftBody(ex.kind, request).inputs as Inputs;
                for (const r of Object.values(ex.responses)) {
                    const found: { path: string; value: JsonValue }[] = [];
                    echoes(request, r.body, "", byPath, found);
                    for (const x of found) {
                        const m = byPath.get(x.path);
                        if (!m || readOnly(m) || ECHOES_NOT_DEFAULTS[x.path] !== undefined) continue;
                        const key = `${x.path}=${JSON.stringify(x.value)}`;
                        const d = echoed.get(key) ?? { source: "", entry: entryOf(x.path), member: x.path, value: x.value, inputs: [], files: new Set<string>() };
                        d.inputs.push(inputs);
                        d.files.add(ex.file);
                        echoed.set(key, d);
                    }
                }
            }
            for (const d of echoed.values()) {
                const files = [...d.files];
                out.push({ ...d, source: `${files.length} official answer(s) echo ${JSON.stringify(d.value)} where the request left it out (${files.slice(0, 3).join(", ")}${files.length > 3 ? ", …" : ""})` });
            }
            // Any official answer that notes a value as the default: "StandardSSD_LRS(default)".
            for (const ex of examplesOf(definition)) {
                for (const [code, r] of Object.entries(ex.responses)) {
                    for (const res of resources(r.body)) {
                        for (const s of scalars(res, "")) {
                            const noted = typeof s.value === "string" ? NOTED_DEFAULT.exec(s.value) : null;
                            if (noted && !out.some((d) => d.member === s.path && d.source.startsWith(ex.file)))
                                out.push({ source: `${ex.file} ${code} answers "${String(s.value)}"`, entry: entryOf(s.path), member: s.path, value: noted[1], inputs: [{}] });
                        }
                    }
                }
            }
            return out;
        }

        it("documented defaults (spec wording, MUTABILITY.md notes, the examples' echoes and noted defaults) are the fields' defaults, and every default is documented", () => {
            const out: Problem[] = [];
            const documented = documentedDefaults();
            for (const d of documented) {
                if (!d.entry) {
                    problem(out, { path: d.member }, "default", `${d.source}, but no field carries ${d.member}`);
                    continue;
                }
                if (d.entry.field.default === undefined) {
                    problem(out, d.entry, "default", `${d.source}: the field has no default`);
                    continue;
                }
                const wrong = d.inputs.map((i) => defaultOf(d.entry!.field, i)).filter((got) => !same(got, d.value));
                if (wrong.length > 0) problem(out, d.entry, "default", `${d.source}: the field's default is ${JSON.stringify(wrong[0])} for ${wrong.length} of these inputs`);
            }
            for (const e of table.filter((x) => x.field.default !== undefined)) {
                if (!documented.some((d) => d.entry === e) && DEFAULTS_FROM_ELSEWHERE[`${spec.kind} ${e.path}`] === undefined)
                    problem(out, e, "default", "a default no spec text, MUTABILITY.md note or official answer states: document it or list it in DEFAULTS_FROM_ELSEWHERE");
            }
            for (const key of Object.keys(DEFAULTS_FROM_ELSEWHERE).filter((k) => k.startsWith(`${spec.kind} `))) {
                const e = table.find((x) => `${spec.kind} ${x.path}` === key);
                if (e?.field.default === undefined) problem(out, { path: key.slice(spec.kind.length + 1) }, "default", "listed in DEFAULTS_FROM_ELSEWHERE, but the field has no default");
                else if (documented.some((d) => d.entry === e)) problem(out, e, "default", "listed in DEFAULTS_FROM_ELSEWHERE, but a source documents it now: drop it from the list");
            }
            judge(out, spec.kind, ["default"]);
        });

        it("MUTABILITY.md's quoted defaults are in it, and every note speaking of a default is read", () => {
            const text = mutabilityText().replace(/\s+/g, " ");
            const mine = MUTABILITY_DEFAULTS.filter((d) => d.kind === spec.kind);
            for (const d of mine) assert.ok(text.includes(d.quote.replace(/\s+/g, " ")), `MUTABILITY.md does not say "${d.quote}" (${spec.kind} ${d.field})`);
            const unread = docs.rows.filter((r) => /\bdefault/i.test(r.row.notes) && !mine.some((d) => r.row.paths.includes(d.row))).map((r) => `line ${r.row.line} (${r.path})`);
            assert.ok(unread.length === 0, `MUTABILITY.md notes that speak of a default no MUTABILITY_DEFAULTS entry reads: ${[...new Set(unread)].join(", ")}`);
        });

        it("a program stating a documented default is no change where Azure's answer leaves the field out", () => {
            const lines: string[] = [];
            for (const d of documentedDefaults()) {
                if (!d.entry) continue;
                const base = { ...BASE[name](), ...d.inputs[0] };
                const stated = valueAt(d.entry.field, d.entry, base, d.value);
                const changes = diff(spec, base, stated).filter((c) => c.path.startsWith(d.entry!.path.split("[].")[0]));
                if (changes.length > 0) lines.push(`${spec.kind} ${d.entry.path} = ${JSON.stringify(d.value)} (${d.source}): ${JSON.stringify(changes)}`);
            }
            assert.ok(lines.length === 0, `\n${lines.join("\n")}`);
        });
    });
}

describe("the lists of deliberate departures name what exists", () => {
    it("provider-only inputs are fields of some kind; unreported and non-default echoes are members of some request model", () => {
        const fields = KIND_NAMES.flatMap((k) => KINDS[k].fields.filter((f) => f.inModel === false).map((f) => f.path));
        const members = KIND_NAMES.flatMap((k) => requestModel(KINDS[k].kind).map((m) => m.path));
        const stale = [
            ...Object.keys(PROVIDER_ONLY).filter((p) => !fields.includes(p)).map((p) => `PROVIDER_ONLY ${p}: no kind has such an inModel: false field`),
            ...[...Object.keys(NOT_REPORTED), ...Object.keys(ECHOES_NOT_DEFAULTS)].filter((p) => !members.includes(p)).map((p) => `${p}: no request model has such a member`),
        ];
        assert.ok(stale.length === 0, `\n${stale.join("\n")}`);
    });
});

describe("the spec's wording on defaults, read", () => {
    it("every description speaking of a default either states one the conformance rules read, or is listed as none", () => {
        const unread = descriptions()
            .filter((d) => /\bdefault\b/i.test(d.text) && !/\bthis is the default\b/i.test(d.text))
            .filter((d) => DEFAULT_WORDING_NOT_A_DEFAULT[d.where] === undefined)
            .map((d) => `${d.where}: "${d.text}"`);
        assert.ok(unread.length === 0, `\n${unread.join("\n")}`);
    });
});
