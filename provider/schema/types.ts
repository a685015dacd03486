/**
 * The vocabulary of a resource description: one entry per field says its type, whether it is
 * required, what a change to it costs (update in place or replacement), how it is validated and how
 * it is compared. Check, diff, request building and outputs all read these entries.
 */
export type Inputs = Record<string, unknown>;
export type Scalar = string | number | boolean;

/**
 * A rule the table holds as a function, with what it does in words: the reference pages
 * (docs/resources/, written by `npm run docs`) say it in these words, so a rule cannot be added
 * without saying what it does to the user.
 */
export type Described<F> = F & { readonly words: string };

/** `f` with its words (see Described). */
export function described<A extends unknown[], R>(words: string, f: (...args: A) => R): Described<(...args: A) => R> {
    return Object.assign(f, { words });
}

/** Judges one field's value; returns a message naming the rule when it is broken. */
export type Validator = Described<(value: unknown, inputs: Inputs, ctx: CheckContext) => string | undefined>;
/** A default that follows other inputs. */
export type DerivedDefault = Described<(inputs: Inputs) => Scalar | readonly never[] | undefined>;
/** A rule that spans fields; returns its failures. */
export type Rule = Described<(inputs: Inputs, ctx: CheckContext) => CheckFailure[]>;
/** A warning at preview; `olds` are the inputs of the last up. */
export type Caution = Described<(inputs: Inputs, olds: Inputs) => string[]>;

/**
 * `region`: a region name in any spelling ARM accepts. `armId`: a full ARM resource id, which ARM
 * treats without regard to case. `idMap`: a map keyed by ARM ids whose values Azure fills in (the
 * user-assigned identities of a managed identity).
 */
export type FieldType = "string" | "integer" | "boolean" | "date" | "region" | "armId" | "idMap" | "stringMap" | "stringList" | "object" | "list";

/** What changing a field does: update in place, replace the resource, or nothing (metadata). */
export type OnChange = "update" | "replace";

export interface FieldSpec {
    /** Dotted path, the same in the resource's args and in the SDK model. */
    path: string;
    type: FieldType;
    required?: boolean;
    onChange: OnChange;
    /**
     * Azure fills it in when omitted, so leaving it out is not a change. Removing it from the program
     * sends `default` where the field changes in place; otherwise Azure's value stays (with a warning).
     */
    computed?: boolean;
    /**
     * What Azure applies when the field is absent: an answer without it equals this value, and
     * removing the field from the program sends it. A function for defaults that follow other inputs.
     */
    default?: Scalar | DerivedDefault;
    /**
     * Another field a PATCH of this one must carry (ARM's PATCH of a managed identity needs its type
     * beside the identities).
     */
    sentWith?: string;
    /** For an `armId` (or the keys of an `idMap`): what the id must name; an id of another type is refused. */
    refersTo?: ArmReference;
    /** For a `stringList`: each value may appear once. */
    unique?: true;
    /** Compared without regard to case (e.g. GUIDs); sent as written. */
    ignoreCase?: true;
    /**
     * For a URL of which one part alone changes in place, the rest being fixed: `query`, its query
     * (a blob's SAS token: "Only SASToken within the SASURL can be changed", VM Applications
     * overview). Compared first without that part: a difference there costs `onChange`; a change of
     * the part alone is an update.
     */
    updatablePart?: "query";
    /**
     * Azure's answers leave this part of the value out (a script version's `scriptLink` comes back
     * without its SAS query: GalleryScriptVersion_Create.json, MUTABILITY.md §12). An answer without
     * the part, and otherwise the program's value, is read as the program's value, so the part is
     * compared against what the program last sent.
     */
    reportedWithout?: "query";
    /**
     * What of the value is a credential: its `query` (a SAS token on a blob URL) or the whole
     * `value`. It is never written in a message, a warning or an error (provider/redaction.ts), and
     * the resource class keeps the value a secret in state.
     */
    secret?: "query" | "value";
    /**
     * Allowed values, compared case-insensitively and sent in this casing. Azure may follow a value
     * with a note in parentheses ("StandardSSD_LRS(default)"), which compares as the value.
     */
    enum?: readonly string[];
    /**
     * The enum is open (the spec's `x-ms-enum` with `modelAsString: true`, or a value the spec types
     * as a plain string): Azure may add values newer than this package, so an unknown one is sent as
     * written, with a warning naming the nearest known value, rather than refused.
     */
    extensible?: true;
    min?: number;
    max?: number;
    maxLength?: number;
    pattern?: { re: RegExp; rule: string };
    /** A name that addresses the resource in ARM, and its documented naming rule. */
    name?: NameRule;
    /** Further rules on the value; return a message naming the rule when broken. */
    validate?: Validator;
    /**
     * `validate` judges a value only where it is new to Azure: at create, and where it differs from
     * what Azure holds (`newValueProblems`, at diff and when a create adopts). One Azure accepted
     * stays valid though time has passed (an end-of-life date now in the past), and a program that
     * restates Azure's value is never refused for it.
     */
    validatesNewValuesOnly?: true;
    /**
     * For a `stringMap`: keys the provider keeps in Azure for itself (the ownership mark on tags). The
     * program may not set them; they are never reported or compared.
     */
    reservedKeys?: readonly string[];
    /** For `list`: the element fields, and how elements are matched between old and new. */
    items?: ListSpec;
    /** False for fields that address the resource or steer the provider rather than describe it in Azure. */
    inModel?: false;
    /** False for an input that steers one operation only (`adopt`): changing it is no change. */
    compared?: false;
    /** The gallery image feature (`features[]` name) this field is sent as, e.g. "SecurityType". */
    feature?: string;
    /**
     * Changed through an action of the resource (e.g. the gallery's `/share`) rather than its PUT or
     * PATCH body; reported by GET like any other field.
     */
    action?: string;
}

/** What an ARM id must name: a phrase for messages, and the resource types (namespace/type/…) it may be, where Azure documents them. */
export interface ArmReference {
    what: string;
    types?: readonly string[];
}

/**
 * An ARM naming rule as Microsoft documents it ("Naming rules and restrictions for Azure resources"):
 * a length, the characters allowed, and what the name may start and end with. Each `rule` is the
 * source's words, for messages. Characters are judged one UTF-16 unit at a time and the length counted
 * in them, as .NET (ARM's `Char.IsLetterOrDigit`, its string lengths) does.
 */
export interface NameRule {
    length: [min: number, max: number];
    chars: { re: RegExp; rule: string };
    /** The first character, when the rule narrows it ("start with a letter or digit"). */
    start?: { re: RegExp; rule: string };
    /** The last character, when the rule narrows it ("not end with a period"). */
    end?: { re: RegExp; rule: string };
}

export interface ListSpec {
    /** The element field whose canonical value identifies an element (e.g. a region's name). */
    key?: string;
    fields: FieldSpec[];
    /** What adding or removing an element costs. */
    onAdd: OnChange;
    onRemove: OnChange;
    /**
     * Azure reports elements the program need not list (the disks a whole-image source brings): an
     * element only Azure has is not a change, and one the program stops listing stays in Azure.
     */
    azureAdds?: true;
}

/** What check knows beyond the inputs: regions taken on trust (the stack's, and those Azure already accepted). */
export interface CheckContext {
    admittedRegions: readonly string[];
    /**
     * The resource exists in Azure already (an update, or a create that adopts it): a value that is
     * judged only when new to Azure (`validatesNewValuesOnly`) is judged by diff against what Azure
     * holds, not here against the program's previous inputs.
     */
    existing?: boolean;
    /** Map keys the provider adds to what the program sends (the ownership mark), which take room in Azure's limits. */
    addedKeys?: number;
}

export interface Unsettled {
    reason: string;
    resend: boolean;
}

/** A difference the diff found: where, and what it costs. */
export interface FieldChange {
    path: string;
    onChange: OnChange;
    /**
     * The change stands for a value known only at apply (preview of a dependent resource): it may be
     * no change at all, and `onChange` is the most it may cost.
     */
    unknown?: true;
}

export interface CheckFailure {
    property: string;
    reason: string;
}

/** What validation found: failures refuse the inputs; warnings are said at preview and let them through. */
export interface Validation {
    failures: CheckFailure[];
    warnings: string[];
}

export interface ResourceSpec {
    /** Pulumi-style kind name, used in messages. */
    kind: string;
    /**
     * The spec's model does not client-flatten `properties` (no `x-ms-client-flatten`), so the SDK
     * model nests it as the body does: the fields' paths say `properties.` as written
     * (MUTABILITY.md §9-§12), rather than leaving it out as for the flattened kinds.
     */
    propertiesAsWritten?: true;
    /** The input holding the resource's own Azure name, and how to make one when it is left out. */
    name: { field: string; autoname?: (logicalName: string, random: string) => string };
    fields: FieldSpec[];
    /**
     * Read-only values Azure reports (provisioning state, …): the output's name and where the SDK
     * model holds it. A dotted name puts the value inside the output of an input's object, where
     * Azure reports it (`publishingProfile.publishedDate`). The envelope's `id` is none of them: it
     * is the resource's Pulumi id, which the engine keeps beside the outputs (and Pulumi makes no
     * output of a property named `id`), so stored again it would only take room in state.
     */
    outputs: { name: string; from: string }[];
    /** Rules that span fields; each returns failures. */
    rules: Rule[];
    /**
     * Inputs Azure may refuse where the public sources disagree (a documented error against official
     * examples that show it accepted), or will refuse for a reason preview cannot be sure of (an
     * expired SAS token): preview warns rather than refuses. `olds` are the inputs of the last up.
     */
    cautions?: Caution[];
    /** Completes inputs the service would otherwise refuse (e.g. adds the version's own region); returns notices for the user. */
    complete?: Described<(inputs: Inputs) => string[]>;
    /**
     * Why the resource as Azure last reported it (`outputs`) needs an up though the program is
     * unchanged, e.g. a region whose replication failed; `resend` when the update must send the
     * resource again (how Azure retries), otherwise it only waits for Azure to finish.
     */
    unsettled?: Described<(outputs: Inputs, news: Inputs) => Unsettled | undefined>;
    /** A change the service would refuse, known from old state and new inputs (refused at preview). */
    refuse?: Described<(olds: Inputs, news: Inputs, changes: FieldChange[]) => string | undefined>;
}
