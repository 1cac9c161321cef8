import ProofmintCrypto

/// What a consumer signs after buying compute from a provider: "this provider ran this model on this input and gave
/// this output, for me, in this epoch, at this quality, for this price, on this chain". The provider submits it; the
/// chain pays it, may sample it for a validator to re-check from its three hashes, and weighs it for rewards.
public struct ComputeReceipt: Equatable, Sendable {
    /// 2 since protocol version 3: the model, input and output hashes follow the workload.
    public static let version: UInt8 = 2
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
    /// What a validator needs to re-run the job (seed 003's `ValidationTask`): the model's, the input's and the
    /// output's hashes. The data itself travels off chain, from the consumer or provider to the assigned validator.
    public var modelHash: Hash32
    public var inputHash: Hash32
    public var outputHash: Hash32
    public var units: UInt64
    /// 0–100: the consumer's SLA measurement.
    public var quality: UInt8
    public var price: Amount

    public init(
        chainId: String, jobId: Hash32, consumer: Ed25519.PublicKey, provider: Address, epoch: UInt64, workload: String,
        modelHash: Hash32, inputHash: Hash32, outputHash: Hash32, units: UInt64, quality: UInt8, price: Amount
    ) {
        self.chainId = chainId
        self.jobId = jobId
        self.consumer = consumer
        self.provider = provider
        self.epoch = epoch
        self.workload = workload
        self.modelHash = modelHash
        self.inputHash = inputHash
        self.outputHash = outputHash
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
        writer.hash(jobId)
        writer.fixed(consumer.bytes)
        writer.fixed(provider.bytes)
        writer.u64(epoch)
        writer.string(workload)
        writer.hash(modelHash)
        writer.hash(inputHash)
        writer.hash(outputHash)
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
            modelHash: try reader.hash(),
            inputHash: try reader.hash(),
            outputHash: try reader.hash(),
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
