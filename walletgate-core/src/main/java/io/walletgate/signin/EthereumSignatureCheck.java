package io.walletgate.signin;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.wallet.EthereumSignatures;
import io.walletgate.internal.wallet.EthereumSignatures.RecoveryException;
import io.walletgate.internal.wallet.WalletKeys;
import java.net.URI;
import java.util.Arrays;

/**
 * The signature stage of a SIWE sign-in (docs/architecture.md §13): an EOA signature recovered to the message's address
 * needs no chain; anything else is asked of the message's chain, once: an EIP-6492 wrapped signature through the
 * deployless validator, others through EIP-1271 {@code isValidSignature} on the address. A chain that cannot answer is
 * {@code chain_unavailable}, never a pass and never {@code signature_invalid}.
 */
final class EthereumSignatureCheck {
    /** Largest signature accepted, in bytes (a 6492 wrapper carries the wallet's deployment call). */
    static final int MAX_SIGNATURE_BYTES = 16 * 1024;

    private final JsonRpcClient rpc;

    EthereumSignatureCheck(JsonRpcClient rpc) {
        this.rpc = rpc;
    }

    /** How the signature was proven, and the signer's key when it was an EOA. */
    record Proof(String method, WalletKeys.Secp256k1Key key) {
        static final String EOA = "eoa";
        static final String ERC1271 = "erc1271";
        static final String ERC6492 = "erc6492";
    }

    /**
     * Parses a {@code 0x}-hex signature.
     *
     * @throws WalletVerificationException {@code signature_invalid} when it is missing, not hex or too large
     */
    static byte[] parse(String signature) {
        if (signature == null || signature.isBlank()) {
            throw invalid("no signature was given");
        }
        String s = signature.strip();
        if (s.length() > 2 + 2 * MAX_SIGNATURE_BYTES) {
            throw invalid("the signature is larger than " + MAX_SIGNATURE_BYTES + " bytes");
        }
        byte[] bytes = s.startsWith("0x") ? WalletKeys.parseHex(s) : null;
        if (bytes == null) {
            throw invalid("the signature must be 0x-prefixed hex of whole bytes");
        }
        return bytes;
    }

    /**
     * Proves that {@code address} signed {@code hash}.
     *
     * @param endpoint the chain's JSON-RPC URL, or null for a chain configured for EOAs only
     */
    Proof check(long chainId, URI endpoint, byte[] address, byte[] hash, byte[] signature) {
        String notEoa = "the signature is " + signature.length + " bytes, not a 65-byte EOA signature";
        if (signature.length == 65) {
            try {
                // The full s range, as ecrecover and viem accept: EIP-2's low-s rule is about transactions, and the
                // message's nonce is used up by this sign-in whatever the verdict, so the second form of a
                // signature (n - s) can sign nobody in again (see EthereumSignatures.SRange).
                WalletKeys.Secp256k1Key key = EthereumSignatures.recover(hash, signature,
                        EthereumSignatures.SRange.FULL);
                if (Arrays.equals(key.address(), address)) {
                    return new Proof(Proof.EOA, key);
                }
                notEoa = "the signature is by " + WalletKeys.eip55(key.address()) + ", not by the address itself";
            } catch (RecoveryException e) {
                notEoa = "the signature is not a valid EOA signature (" + e.getMessage() + ")";
            }
        }
        String who = WalletKeys.eip55(address);
        if (endpoint == null) {
            throw new WalletVerificationException(ErrorCode.CHAIN_UNAVAILABLE, "chain " + chainId + " is configured"
                    + " for EOA sign-ins only (no JSON-RPC URL) and " + notEoa + " " + who
                    + "; only the chain could tell whether a smart-contract wallet signed it");
        }
        return ContractCalls.isErc6492(signature) ? erc6492(chainId, endpoint, address, hash, signature, who)
                : erc1271(chainId, endpoint, address, hash, signature, who, notEoa);
    }

    private Proof erc1271(long chainId, URI endpoint, byte[] address, byte[] hash, byte[] signature, String who,
                          String notEoa) {
        JsonRpcClient.Outcome o = rpc.call(chainId, endpoint, address, ContractCalls.isValidSignature(hash, signature));
        if (o.reverted()) {
            throw invalid("the wallet contract " + who + " on chain " + chainId + " reverted isValidSignature");
        }
        byte[] r = o.returned();
        if (r.length == 0) {
            throw invalid(notEoa + " " + who + ", and " + who + " is no contract on chain " + chainId);
        }
        if (!isMagicWord(r)) {
            throw invalid("the wallet contract " + who + " on chain " + chainId + " did not answer isValidSignature"
                    + " with the ERC-1271 magic value");
        }
        return new Proof(Proof.ERC1271, null);
    }

    private Proof erc6492(long chainId, URI endpoint, byte[] address, byte[] hash, byte[] signature, String who) {
        ContractCalls.Wrapped wrapped;
        try {
            wrapped = ContractCalls.unwrap(signature);
        } catch (IllegalArgumentException e) {
            throw invalid("the EIP-6492 wrapper is not abi.encode(address, bytes, bytes): " + e.getMessage());
        }
        JsonRpcClient.Outcome o = rpc.call(chainId, endpoint, null, ContractCalls.validatorCall(address, hash,
                wrapped));
        if (o.reverted() || o.returned().length != 1) {
            // the validator answers one byte and never reverts for the wallet's sake: the chain misbehaved
            throw JsonRpcClient.unavailable(chainId, endpoint, o.reverted() ? "reverted the deployless EIP-6492"
                    + " validator" : "answered the deployless EIP-6492 validator with " + o.returned().length
                    + " bytes, not 1", null);
        }
        switch (o.returned()[0]) {
            case 1:
                return new Proof(Proof.ERC6492, null);
            case 0:
                throw invalid("the wallet " + who + " on chain " + chainId + " did not answer isValidSignature with"
                        + " the ERC-1271 magic value (EIP-6492)");
            case 2:
                throw invalid("the wallet " + who + " on chain " + chainId + " reverted isValidSignature (EIP-6492)");
            case 3:
                throw invalid("the EIP-6492 factory call failed, so " + who + " could not be deployed on chain "
                        + chainId);
            case 4:
                throw invalid("the EIP-6492 factory call did not deploy " + who + " on chain " + chainId);
            default:
                throw JsonRpcClient.unavailable(chainId, endpoint, "answered the deployless EIP-6492 validator with"
                        + " a value it never returns", null);
        }
    }

    // an ABI-encoded bytes4 (as the validator contract checks it): the magic value, then 28 zero bytes
    private static boolean isMagicWord(byte[] r) {
        if (r.length < 32 || !Arrays.equals(r, 0, 4, ContractCalls.ERC1271_MAGIC, 0, 4)) {
            return false;
        }
        for (int i = 4; i < 32; i++) {
            if (r[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static WalletVerificationException invalid(String message) {
        return new WalletVerificationException(ErrorCode.SIGNATURE_INVALID, message);
    }
}
