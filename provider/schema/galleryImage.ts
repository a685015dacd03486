/** Image definition: what each field is, and what Azure lets you change after create. */
import { everyKind, galleryImageName, galleryName, inFuture, resourceGroupName } from "./common";
import { CheckFailure, FieldSpec, ResourceSpec, described } from "./types";
import { getPath } from "./values";

const securityTypes = [
    "Standard",
    "TrustedLaunch",
    "TrustedLaunchSupported",
    "ConfidentialVM",
    "ConfidentialVMSupported",
    "TrustedLaunchAndConfidentialVmSupported",
] as const;

const identifierPart = (part: string, maxLength: number): FieldSpec => ({
    path: `identifier.${part}`,
    type: "string",
    required: true,
    onChange: "replace",
    maxLength,
    pattern: { re: /^[A-Za-z0-9._-]*[A-Za-z0-9_-]$/, rule: "may hold letters, digits, - . _ and must not end with a period" },
});

/** A recommended range; once set there is no documented way back to "none", so a removed bound stays. */
const range = (path: string, max: number): FieldSpec => ({ path, type: "integer", onChange: "update", computed: true, min: 1, max });

export const galleryImageSpec: ResourceSpec = {
    kind: "GalleryImage",
    name: {
        field: "galleryImageName",
        // A logical name with no letter a-z or digit gives the random part alone: a name starts with one.
        autoname: (logical, random) => [logical.replace(/[^A-Za-z0-9._-]/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, 71), random].filter(Boolean).join("-"),
    },
    fields: [
        resourceGroupName,
        galleryName(true),
        galleryImageName(false),
        ...everyKind,
        { path: "description", type: "string", onChange: "update" },
        // Spec OperatingSystemTypes and OperatingSystemStateTypes are closed enums (modelAsString false).
        { path: "osType", type: "string", required: true, enum: ["Windows", "Linux"], onChange: "replace" },
        { path: "osState", type: "string", required: true, enum: ["Generalized", "Specialized"], onChange: "replace" },
        // Azure defaults new definitions to V2 from api-version 2025-03-03 on (MUTABILITY.md, quoting
        // the Trusted Launch validation docs; every SDK this package allows sends 2025-03-03 or later),
        // and to x64 (MUTABILITY.md: "default x64"). Spec HyperVGeneration and Architecture are modelAsString.
        { path: "hyperVGeneration", type: "string", enum: ["V1", "V2"], extensible: true, onChange: "replace", computed: true, default: "V2" },
        { path: "architecture", type: "string", enum: ["x64", "Arm64"], extensible: true, onChange: "replace", computed: true, default: "x64" },
        identifierPart("publisher", 128),
        identifierPart("offer", 64),
        identifierPart("sku", 64),
        { path: "eula", type: "string", onChange: "replace" },
        { path: "privacyStatementUri", type: "string", onChange: "replace" },
        { path: "releaseNoteUri", type: "string", onChange: "update" },
        // Azure cannot clear an end-of-life date: leaving it out keeps the current one.
        { path: "endOfLifeDate", type: "date", onChange: "update", computed: true, validate: inFuture, validatesNewValuesOnly: true },
        range("recommended.vCPUs.min", 80),
        range("recommended.vCPUs.max", 80),
        range("recommended.memory.min", 640),
        range("recommended.memory.max", 640),
        { path: "disallowed.diskTypes", type: "stringList", onChange: "update" },
        { path: "purchasePlan.name", type: "string", onChange: "replace" },
        { path: "purchasePlan.publisher", type: "string", onChange: "replace" },
        { path: "purchasePlan.product", type: "string", onChange: "replace" },
        // Features change in place: requests then carry allowUpdateImage, as the service asks (spec
        // allowUpdateImage; GalleryImage_UpdateFeatures.json), though MUTABILITY.md's row reads "no,
        // unless allowUpdateImage: true". The spec types a feature's value as a plain string, so
        // their enums are open. A request that carries the list carries the features Azure holds that
        // no field here describes, and their startsAtVersion (engine.ts, withFeaturesHeld).
        // From api-version 2025-03-03 on, new definitions "default to hyperVGeneration: V2,
        // SecurityType: TrustedLaunchSupported" (MUTABILITY.md, quoting the Trusted Launch validation
        // docs); a V1 definition gets none, so it is Standard (trusted launch needs generation 2).
        {
            path: "securityType",
            type: "string",
            enum: securityTypes,
            extensible: true,
            onChange: "update",
            computed: true,
            feature: "SecurityType",
            default: described("`TrustedLaunchSupported`; `Standard` on a V1 definition", (inputs) => (String(inputs.hyperVGeneration ?? "V2").toUpperCase() === "V1" ? "Standard" : "TrustedLaunchSupported")),
        },
        { path: "isAcceleratedNetworkSupported", type: "boolean", onChange: "update", feature: "IsAcceleratedNetworkSupported" },
        { path: "isHibernateSupported", type: "boolean", onChange: "update", feature: "IsHibernateSupported" },
        // Each controller type once (a repeated one is refused by the service).
        { path: "diskControllerTypes", type: "stringList", enum: ["SCSI", "NVMe"], extensible: true, unique: true, onChange: "update", feature: "DiskControllerTypes" },
    ],
    outputs: [
        { name: "provisioningState", from: "provisioningState" },
    ],
    rules: [
        described("a `securityType` other than `Standard` needs `hyperVGeneration` `V2`", (inputs) => {
            const sec = String(inputs.securityType ?? "").toLowerCase();
            if (sec && sec !== "standard" && String(inputs.hyperVGeneration ?? "").toUpperCase() === "V1") {
                return [{ property: "securityType", reason: `securityType ${String(inputs.securityType)} needs hyperVGeneration V2; this definition is V1` }];
            }
            return [];
        }),
        described("each `recommended` range's `min` is not greater than its `max`", (inputs) =>
            ["vCPUs", "memory"].flatMap((r): CheckFailure[] => {
                const min = getPath(inputs, `recommended.${r}.min`);
                const max = getPath(inputs, `recommended.${r}.max`);
                return typeof min === "number" && typeof max === "number" && min > max
                    ? [{ property: `recommended.${r}`, reason: `recommended.${r}.min (${min}) must not be greater than recommended.${r}.max (${max})` }]
                    : [];
            }),
        ),
    ],
};
