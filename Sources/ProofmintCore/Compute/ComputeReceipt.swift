import ProofmintCrypto

/// What a consumer signs after buying compute from a provider: "this provider did this work for me, in this epoch,
/// at this quality, for this price, on this chain". The provider submits it; the chain pays and weighs it.
public struct ComputeReceipt: Equatable, Sendable {
    public static let version: UInt8 = 1
    public static let maxWorkloadBytes = 64
    /// Quality scores run from 0 (worst) to this (best); the multiplier is interpolated between them.
    public static let maxQualityScore: UInt8 = 100

    public var chainId: String
    /// Chosen by the consumer outside the chain (the wallet draws it); the core only reads and compares it, and
    /// each job id can be paid once per chain. (Determinism note: no randomness runs in the core.)
    public var jobId: Hash32
    /// The consumer's key: it signs the receipt and its account pays the price.
    public var consumer: Ed25519.PublicKey
    public var provider: Address
    public var epoch: UInt64
    /// The model or workload identifier, as the marketplace names it (1–64 bytes of UTF-8).
    public var workload: String
    public var units: UInt64
    /// 0–100: the consumer's SLA measurement.
    public var quality: UInt8
    public var price: Amount

    public init(
        chainId: String, jobId: Hash32, consumer: Ed25519.PublicKey, provider: Address, epoch: UInt64, workload: String,
        units: UInt64, quality: UInt8, price: Amount
    ) {
        self.chainId = chainId
        self.jobId = jobId
        self.consumer = consumer
        self.provider = provider
        self.epoch = epoch
        self.workload = workload
        self.units = units
        self.quality = quality
        self.price = price
    }

    public var consumerAddress: Address { Address(publicKey: consumer) }

    /// What the consumer signs: the receipt domain tag, then the canonical bytes.
    public var signingMessage: Bytes { SigningDomain.computeReceipt.message(canonicalBytes) }

    public func signed(by key: Ed25519.PrivateKey) -> SignedComputeReceipt {
        SignedComputeReceipt(receipt: self, signature: key.signature(for: signingMessage))
    }
}

/// A receipt with the consumer's signature: the payload of a `submit-proof` transaction.
public struct SignedComputeReceipt: Equatable, Sendable {
    public var receipt: ComputeReceipt
    public var signature: Bytes

    public init(receipt: ComputeReceipt, signature: Bytes) {
        self.receipt = receipt
        self.signature = signature
    }

    public var hasValidSignature: Bool { receipt.consumer.isValidSignature(signature, for: receipt.signingMessage) }
}

extension ComputeReceipt: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.string(chainId)
        writer.fixed(jobId.bytes)
        writer.fixed(consumer.bytes)
        writer.fixed(provider.bytes)
        writer.u64(epoch)
        writer.string(workload)
        writer.u64(units)
        writer.u8(quality)
        writer.u128(price)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ComputeReceipt {
        try reader.expectVersion(Self.version, of: "compute receipt")
        return ComputeReceipt(
            chainId: try reader.string(field: "receipt chain id", max: Transaction.maxChainIdBytes),
            jobId: try reader.hash(),
            consumer: try reader.publicKey(),
            provider: try reader.address(),
            epoch: try reader.u64(),
            workload: try reader.string(field: "workload", max: maxWorkloadBytes),
            units: try reader.u64(),
            quality: try reader.u8(),
            price: try reader.u128())
    }
}

extension SignedComputeReceipt: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.encode(receipt)
        writer.fixed(signature)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> SignedComputeReceipt {
        SignedComputeReceipt(receipt: try reader.decode(ComputeReceipt.self), signature: try reader.fixed(Ed25519.signatureLength))
    }
}
