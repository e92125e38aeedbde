// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title A smart-contract wallet for tests: one owner key, EIP-1271 signatures
/// @notice isValidSignature answers the ERC-1271 magic value when the 65-byte signature (r, s, v with v 27/28 or
/// 0/1) recovers to the owner, 0xffffffff when it recovers to anyone else, and reverts for any other length, so
/// tests meet both ways a wallet says no. FOR TESTS ONLY: it holds no funds and does nothing else.
contract TestSmartWallet {
    address public immutable owner;

    constructor(address walletOwner) {
        owner = walletOwner;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        require(signature.length == 65, "TestSmartWallet: signature must be 65 bytes");
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) {
            v += 27;
        }
        address signer = ecrecover(hash, v, r, s);
        return signer != address(0) && signer == owner ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }
}

/// @title Deploys TestSmartWallets at CREATE2 addresses known before deployment (EIP-6492's counterfactual wallets)
contract TestSmartWalletFactory {
    /// Deploys the wallet of (owner, salt), or returns it when it exists: calling again is harmless, as EIP-6492's
    /// "prepare" step may do for a wallet that is already deployed.
    function deploy(address walletOwner, bytes32 salt) external returns (address wallet) {
        wallet = walletAddress(walletOwner, salt);
        if (wallet.code.length == 0) {
            wallet = address(new TestSmartWallet{salt: salt}(walletOwner));
        }
    }

    /// The CREATE2 address of the wallet of (owner, salt), deployed or not.
    function walletAddress(address walletOwner, bytes32 salt) public view returns (address) {
        bytes32 initCodeHash = keccak256(abi.encodePacked(type(TestSmartWallet).creationCode,
            abi.encode(walletOwner)));
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt,
            initCodeHash)))));
    }
}
