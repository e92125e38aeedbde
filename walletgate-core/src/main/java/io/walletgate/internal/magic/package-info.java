/**
 * Magic's DID token (docs/architecture.md §12): not a JWT but standard base64 of the JSON array {@code [proof, claim]},
 * where {@code claim} is a JSON string and {@code proof} its EIP-191 {@code personal_sign} by the wallet named in the
 * claim's {@code iss} ({@code did:ethr:0x…}). {@link io.walletgate.internal.magic.DidTokenParser} reads it strictly,
 * {@link io.walletgate.internal.magic.DidTokenSignature} recovers the signer, and the claim times feed the shared
 * claims stage, {@link io.walletgate.internal.claims.ClaimsCheck}. Where each rule comes from:
 * {@code docs/providers-sources.md}.
 */
package io.walletgate.internal.magic;
