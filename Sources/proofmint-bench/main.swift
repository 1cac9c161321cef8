import ProofmintStorage
print("x")
