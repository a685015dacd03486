/**
 * Managed identities of galleries (spec: GalleryIdentity). The answer carries what Azure Active
 * Directory assigns: `principalId` and `tenantId` for the system-assigned identity, `principalId`
 * and `clientId` for each user-assigned one (spec: GalleryIdentity and
 * Common.UserAssignedIdentitiesValue, all read-only; official example
 * Gallery_Get_WithManagedIdentity.json). A user-assigned identity is a resource of its own, so it
 * keeps its ids whichever gallery uses it.
 */
import { randomUUID } from "crypto";
import { ArmError } from "./armError";
import { JsonObject, JsonValue, isObject, obj, str } from "./json";

/** The spec's ResourceIdentityType; `modelAsString: false`, so it binds as a closed enum. */
const TYPES = ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"];

export interface StoredIdentity {
    type: string;
    /** User-assigned identity ids as first written. */
    userAssigned: string[];
    principalId?: string;
}

export class Identities {
    /** The emulated cloud's one directory. */
    readonly tenantId = "72f988bf-0000-4000-8000-00000000e4a1";
    private readonly userAssigned = new Map<string, { principalId: string; clientId: string }>();

    /**
     * The identity after a PUT (the body's identity replaces the old one) or a PATCH (type replaced
     * when given; user-assigned identities merged, a `null` value removing one, as ARM's PATCH of
     * the identity envelope works). Type "None" removes every identity ("The type 'None' will remove
     * all identities from the gallery", spec).
     */
    apply(previous: StoredIdentity | undefined, requested: JsonValue | undefined, isPatch: boolean): StoredIdentity | undefined {
        if (requested === undefined) return isPatch ? previous : undefined;
        if (requested === null) return undefined;
        const body = obj(requested);
        const type = canonicalType(body.type, isPatch ? previous?.type : undefined);
        if (type === "None") return undefined;
        const keep = isPatch && previous ? [...previous.userAssigned] : [];
        for (const [id, value] of Object.entries(obj(body.userAssignedIdentities))) {
            const i = keep.findIndex((k) => k.toLowerCase() === id.toLowerCase());
            if (value === null) {
                if (i >= 0) keep.splice(i, 1);
            } else if (i < 0) {
                keep.push(id);
            }
        }
        const systemAssigned = type.startsWith("SystemAssigned");
        const hadSystem = previous?.type.startsWith("SystemAssigned") === true;
        return {
            type,
            userAssigned: type.endsWith("UserAssigned") ? keep : [],
            principalId: systemAssigned ? (hadSystem ? previous?.principalId : undefined) ?? randomUUID() : undefined,
        };
    }

    render(identity: StoredIdentity): JsonObject {
        const out: JsonObject = { type: identity.type };
        if (identity.principalId) {
            out.principalId = identity.principalId;
            out.tenantId = this.tenantId;
        }
        if (identity.userAssigned.length > 0) {
            const uai: JsonObject = {};
            for (const id of identity.userAssigned) uai[id] = { ...this.idsOf(id) };
            out.userAssignedIdentities = uai;
        }
        return out;
    }

    private idsOf(id: string): { principalId: string; clientId: string } {
        const key = id.toLowerCase();
        let ids = this.userAssigned.get(key);
        if (!ids) {
            ids = { principalId: randomUUID(), clientId: randomUUID() };
            this.userAssigned.set(key, ids);
        }
        return ids;
    }
}

function canonicalType(value: JsonValue | undefined, fallback: string | undefined): string {
    const s = str(value);
    if (s === undefined) {
        if (fallback) return fallback;
        if (value === undefined || value === null) return "None";
    }
    const norm = (x: string) => x.replace(/\s+/g, "").toLowerCase();
    const found = TYPES.find((t) => s !== undefined && norm(t) === norm(s));
    if (!found) {
        // A closed enum fails in the JSON binder, before any validation of the service's own.
        throw new ArmError(
            400,
            "InvalidRequestContent",
            `The request content was invalid and could not be deserialized: 'Error converting value ${JSON.stringify(isObject(value) ? "" : value)} to type 'ResourceIdentityType'. Path 'identity.type'.'`,
        );
    }
    return found;
}
