/**
 * inVMAccessControlProfile version (spec: GalleryInVMAccessControlProfileVersion,
 * GalleryInVMAccessControlProfileVersionProperties = GalleryResourceProfileVersionPropertiesBase +
 * mode, defaultAccess, rules; AccessControlRules): what each field is, and what Azure lets you change
 * after create (MUTABILITY.md §10). Unlike the profile, the version's `properties` is
 * `x-ms-client-flatten: true` in the spec, and the SDK model flattens it: the inputs do too (`mode`,
 * `targetLocations`).
 */
import { everyKind, galleryName, inVMAccessControlProfileName, resourceGroupName, keyedList, versionName } from "./common";
import { publishingProfile } from "./publishingProfile";
import { FieldSpec, ResourceSpec } from "./types";

/**
 * Spec (GalleryResourceProfileVersionPropertiesBase.targetLocations): "The target regions where the
 * Resource Profile version is going to be replicated to. This property is updatable." Items of the
 * shared TargetRegion, keyed by name (`x-ms-identifiers: ["name"]`): the publishing profile's own
 * target-region entry, at this path. A region without its own count has one replica (no
 * replicaCount here to take it from).
 */
const targetRegions = publishingProfile.fields.find((f) => f.path === "publishingProfile.targetRegions")!;
/** Defaults that follow a version-wide member there: this kind has none, so they are the plain ones (one replica, in latest). */
const PLAIN_DEFAULTS: Record<string, number | boolean> = { regionalReplicaCount: 1, excludeFromLatest: false };
const targetLocations: FieldSpec = {
    ...targetRegions,
    path: "targetLocations",
    items: { ...targetRegions.items!, fields: targetRegions.items!.fields.map((f) => (f.path in PLAIN_DEFAULTS ? { ...f, default: PLAIN_DEFAULTS[f.path] } : f)) },
};

/**
 * A list of named elements, all changing in place: MUTABILITY.md §10 rules "? (assume yes)"; Azure
 * CLI's `az sig in-vm-access-control-profile-version config privilege|role|identity add/remove`
 * edit a version's rules in a GET and PUT of the version, the commands Azure/azure-cli#31720 held
 * back until "the backend server is ready to handle updates to the rules property".
 */
const named = (path: string, key: string, fields: FieldSpec[]): FieldSpec => keyedList(path, key, "update", fields);

export const galleryInVMAccessControlProfileVersionSpec: ResourceSpec = {
    kind: "GalleryInVMAccessControlProfileVersion",
    name: { field: "inVMAccessControlProfileVersionName" },
    fields: [
        resourceGroupName,
        galleryName(true),
        inVMAccessControlProfileName(true),
        // The spec gives no pattern; Azure CLI's reference for `az sig in-vm-access-control-profile-version
        // create --profile-version`: "Needs to follow semantic version name pattern: The allowed
        // characters are digit and period. Digits must be within the range of a 32-bit integer. Format:
        // <MajorVersion>.<MinorVersion>.<Patch>", the rule of every other gallery version.
        versionName("inVMAccessControlProfileVersionName"),
        // X (TrackedResource.location); MUTABILITY.md §10 "no".
        ...everyKind,
        // Spec: required; AccessControlRulesMode and EndpointAccess are modelAsString. MUTABILITY.md §10
        // "? (assume yes)"; the official _Update example resends the same value.
        { path: "mode", type: "string", required: true, enum: ["Audit", "Enforce", "Disabled"], extensible: true, onChange: "update" },
        { path: "defaultAccess", type: "string", required: true, enum: ["Allow", "Deny"], extensible: true, onChange: "update" },
        // Spec (AccessControlRules and its item models): required members as the spec has them; MUTABILITY.md §10 "? (assume yes)".
        named("rules.privileges", "name", [
            { path: "name", type: "string", required: true, onChange: "update" },
            { path: "path", type: "string", required: true, onChange: "update" },
            { path: "queryParameters", type: "stringMap", onChange: "update" },
        ]),
        named("rules.roles", "name", [
            { path: "name", type: "string", required: true, onChange: "update" },
            { path: "privileges", type: "stringList", required: true, onChange: "update" },
        ]),
        named("rules.identities", "name", [
            { path: "name", type: "string", required: true, onChange: "update" },
            { path: "userName", type: "string", onChange: "update" },
            { path: "groupName", type: "string", onChange: "update" },
            { path: "exePath", type: "string", onChange: "update" },
            { path: "processName", type: "string", onChange: "update" },
        ]),
        named("rules.roleAssignments", "role", [
            { path: "role", type: "string", required: true, onChange: "update" },
            { path: "identities", type: "stringList", required: true, onChange: "update" },
        ]),
        targetLocations,
        // MUTABILITY.md §10 "? (assume yes)", "answers echo `false`".
        { path: "excludeFromLatest", type: "boolean", onChange: "update", computed: true, default: false },
        // Provider behaviour, not Azure state: changing it touches nothing in Azure.
        publishingProfile.fields.find((f) => f.path === "waitForReplication")!,
    ],
    // Read-only in the spec (GalleryResourceProfileVersionPropertiesBase).
    outputs: [
        { name: "provisioningState", from: "provisioningState" },
        { name: "publishedDate", from: "publishedDate" },
        { name: "replicationStatus", from: "replicationStatus" },
    ],
    rules: [],
    unsettled: publishingProfile.unsettled,
};
