import type { NameCheck } from "./dir-name";
import { directoryOffers, providerInfo, type ProviderId } from "./providers";
import { buildCreateBody, type CreateDirBody } from "./request";

export interface CreateContext {
  readonly check: NameCheck;
  /** The provider saved in SiYuan's settings, where it creates; `null` while it is unknown. */
  readonly active: ProviderId | null;
  readonly readonly: boolean;
  readonly isPublish: boolean;
  readonly busy: boolean;
}

/**
 * Why nothing can be sent at all. "noNames": the active provider does not use directory names
 * (S3), so the form offers no name field.
 */
export type CreateBlocker =
  "publish" | "readonly" | "unknownProvider" | "noNames" | "busy" | "invalidName";

export interface CreatePlan {
  readonly blocker: CreateBlocker | null;
  /** Whether the name field is offered at all: not while S3 is active. */
  readonly offersCreate: boolean;
  /** The kernel refuses with message 131 on the active provider (WebDAV) where a name is offered. */
  readonly activeRefusesCreate: boolean;
  /** What will be sent; `null` when the name is invalid. */
  readonly body: CreateDirBody | null;
}

/** In order of importance: a locked SiYuan matters more than a request in flight or a bad name. */
function firstBlocker(
  context: CreateContext,
  offersCreate: boolean,
  nameInvalid: boolean,
): CreateBlocker | null {
  if (context.isPublish) return "publish";
  if (context.readonly) return "readonly";
  // SiYuan creates on its active provider; while nobody knows which, nothing is sent.
  if (context.active === null) return "unknownProvider";
  if (!offersCreate) return "noNames";
  if (context.busy) return "busy";
  if (nameInvalid) return "invalidName";
  return null;
}

export function planCreate(context: CreateContext): CreatePlan {
  const { check, active } = context;
  const body = check.problem ? null : buildCreateBody(check.name, active, check.input);
  const offersCreate = directoryOffers(active).create;
  const blocker = firstBlocker(context, offersCreate, body === null);
  return {
    blocker,
    offersCreate,
    activeRefusesCreate:
      active !== null && offersCreate && !providerInfo(active).managesDirectories,
    body,
  };
}
