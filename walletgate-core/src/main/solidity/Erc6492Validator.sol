// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title WalletGate's deployless EIP-6492 signature check
/// @notice Never deployed. An eth_call with no `to` runs this creation code with (signer, hash, factory,
/// factoryCalldata, signature) appended as constructor arguments; the call returns one byte:
///   0x01 valid: isValidSignature answered the ERC-1271 magic value
///   0x00 isValidSignature answered something else
///   0x02 isValidSignature reverted
///   0x03 the signer had no code and the factory call failed
///   0x04 the signer still has no code after the factory call
/// It follows EIP-6492's off-chain validation: a signer without code is deployed through the factory first, then
/// asked (ERC-1271); a deployed signer is asked at once and, if that fails, the factory is called (the "prepare"
/// step for a wallet that must be updated) and it is asked again. Every state change lives and dies inside the
/// eth_call. The 6492 wrapper is decoded by WalletGate before the call, so nothing here decodes untrusted ABI and
/// the call never reverts for the wallet's sake: a JSON-RPC error means the chain, not the signature.
contract Erc6492Validator {
    bytes4 private constant ERC1271_MAGIC = 0x1626ba7e;

    constructor(address signer, bytes32 hash, address factory, bytes memory factoryCalldata, bytes memory signature) {
        uint8 verdict = check(signer, hash, factory, factoryCalldata, signature);
        assembly {
            mstore8(0, verdict)
            return(0, 1)
        }
    }

    function check(address signer, bytes32 hash, address factory, bytes memory factoryCalldata,
                   bytes memory signature) private returns (uint8) {
        if (signer.code.length == 0) {
            (bool deployed, ) = factory.call(factoryCalldata);
            if (!deployed) {
                return 3;
            }
            if (signer.code.length == 0) {
                return 4;
            }
            return ask(signer, hash, signature);
        }
        uint8 first = ask(signer, hash, signature);
        if (first == 1) {
            return 1;
        }
        (bool prepared, ) = factory.call(factoryCalldata);
        return prepared ? ask(signer, hash, signature) : first;
    }

    // ERC-1271: isValidSignature(bytes32,bytes) returns (bytes4); valid only for the magic value, ABI-encoded (left
    // aligned, the rest of the word zero)
    function ask(address signer, bytes32 hash, bytes memory signature) private view returns (uint8) {
        (bool ok, bytes memory answer) = signer.staticcall(abi.encodeWithSelector(ERC1271_MAGIC, hash, signature));
        if (!ok) {
            return 2;
        }
        return answer.length >= 32 && bytes32(answer) == bytes32(ERC1271_MAGIC) ? 1 : 0;
    }
}
