#!/usr/bin/env python3
"""Independent re-derivation of the golden chain of the tests (Tests/ProofmintCoreTests/Execution/GoldenChain.swift): every
pinned value (the genesis state root and hash, and each of the thirty-eight blocks' hash, state root, receipt root and
receipt codes) from the protocol's definitions alone, with nothing but the Python standard library. It shares no code
with the Swift implementation; the hashing, integer encodings, Ed25519 (RFC 8032 §6), addresses, the state tree, the
Merkle list, the header and the record encodings come from scripts/proofmint_model.py, the rules are written here.

It implements the transfer, fee, staking (stake, unstake, withdraw with its slash and compute holds, evidence, slash)
and Proof of Compute rules of protocol version 3 (PROTOCOL.md §11): submit-proof with its checks, the version 2
receipt with its model, input and output hashes, value weight with the quality capped at unverified_quality_max,
the protocol fee through the fee split and the validation fee to the `validation` module account, the receipt record
(0x24), the epoch's provider and receipt indexes (0x27, 0x28), the compute hold (0x2D), the due index (0x25, 0x26);
the compute validator set (0x23) and `validator` joins; at the end of a block the due receipts: sampling from the
randomness mix `mix(h)` (a function of its own, 32 zero bytes until the beacon is merged), the stake-weighted
validator draw, missed verdicts (slash, reassignment or unverified) and challenge deadlines; `validate` verdicts
(re-weighing on a pass, removal and slash on a failure, the validation reward), `challenge` bonds to the
`challenges` account and `resolve` votes with their immediate decisions (upheld: removal, malicious slash and jail,
the challenger's bond and reward, a false pass slashed; rejected: the bond to the provider); the epoch close (vesting,
closes_at) and the settlement cursor (0x2C): an epoch starts once its windows have closed (emission and the reward
pool reserved), pays settlement_batch providers a block, each capped at reward_cap_bps of its standing value and
forfeited if jailed or below the minimum stake, from the reserved pool first and the rest minted, then prunes its
records once out of the proof window. And the governance rules (protocol version 2: the parameters' governance
section; the 0x0D record with its open-proposal count and the total unjailed stake kept by every stake write; propose
and vote with their checks in order, deposits held by the governance module account, proposals at 0x0E, votes at
0x0F, voter index records at 0x11, the due index at 0x12 and slash holds at 0x13; after Proof of Compute's end of
block, the proposals of the height's due entry: a tally at the end of the voting period that needs both the
quadratic and the linear-stake majority and a quorum in linear stake, the deposit returned or burned, and the
execution after the timelock against the parameters then in force). It checks after every block the supply invariant
(issued, which includes what was minted, minus burned), that the governance account holds exactly the deposits of
the proposals still voting and that the total stake is Σ unjailed stake, that every finished settlement paid minted
plus pool and no more than emission plus pool, and verifies the evidence and receipt signatures itself. Every block
starts by folding its producer's beacon (an RFC 9381 ECVRF proof over the chain id and height, protocol version 3)
into the randomness mix at 0x29, which `mix(h)` returns to the sampling at the block's end; the model proves each
beacon with the producer's seed, verifies it, and puts it in the header; in the fixture it verifies every block's
beacon under its producer. Keys come from the same seeds as the Swift `TestKeys`: H("proofmint/test-key/" ‖ name).

Usage:
  scripts/golden_chain_model.py [--check] [--quiet]
It prints the genesis root and hash, then each block's hash, state root, receipt root and receipt codes, and after
each block what its end did: receipts sampled, assigned, missed or decided, settlements started, providers paid (share,
cap, reward), records pruned, proposals tallied or executed; at the end the protocol fee in force, a few balances and
stakes. GOLDEN_BLOCKS=n in the environment runs n blocks instead of 38 (to look further ahead; --check needs 38). With --check it reads the pinned constants of GoldenChain.swift
(genesisStateRoot, genesisHash, blockHashes, stateRoots, receiptRoots, receiptCodes) and compares them with its own,
looks up in that file the settlement and tally figures its assertions quote, and exits non-zero naming every value
that differs. --quiet prints only the outcome. No node, no network and no Swift build: `make test-models` runs it.
"""
import copy, json, os, re, sys
from math import isqrt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from proofmint_model import (BLOCK_DOMAIN, GENESIS_BEACON, H, TX_DOMAIN, Reader, address_of_key, beacon, scheduled_producer,  # noqa: E402
                             beacon_input, dec_content, enc_header, entries_of, genesis_state, merkle_list,
                             module_address, next_mix, optional, parse_genesis, public_key, sign, state_root, u8, u16,
                             u32, u64, u128, verify, vrf_verify, ZERO, DEFAULT_COMPUTE,
                             enc_verification_parameters, enc_epoch_record, enc_provider_work, enc_receipt_record,
                             empty_epoch_record, empty_provider_work, enc_compute_validators, enc_settlement_cursor,
                             enc_compute_receipt, quality_bps, windows_close, sample_probability_bps, sample_seed,
                             sample_draw, draw_validator, standing, enc_event_proof_accepted, enc_event_validator_joined,
                             enc_event_verdict_given, enc_event_challenged, enc_event_challenge_voted,
                             enc_event_challenge_decided, PENDING_SAMPLE, NOT_SAMPLED, ASSIGNED, PASSED, FAILED,
                             UNVERIFIED, VERDICTS, OPEN, UPHELD, REJECTED, LAPSED)

TESTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests")
SWIFT = os.path.join(TESTS, "ProofmintCoreTests", "Execution", "GoldenChain.swift")
FIXTURE = os.path.join(TESTS, "Fixtures", "golden-chain.pmc")
FIXTURE_ROOTS = os.path.join(TESTS, "Fixtures", "golden-chain.roots")
# Figures the Swift tests assert literally (as 1_000_000-style literals in GoldenChain.swift): the check finds each there.
QUOTED = ["epoch 5 emission", "epoch 5 from pool", "epoch 5 minted", "epoch 5 capped", "epoch 5 reward alice", "epoch 8 paid",
          "epoch 8 from pool", "epoch 9 capped", "epoch 10 capped", "proposal 1 yes", "proposal 1 abstain",
          "proposal 2 yes", "proposal 2 abstain", "proposal 3 yes", "treasury", "burned", "minted", "golden-a", "validation account"]


def derive(say=print):
    """Runs the golden chain; returns {name: value} for the pinned names of GoldenChain.swift, plus `figures`."""
    out = dict(blockHashes=[], stateRoots=[], receiptRoots=[], receiptCodes=[], figures={})
    opt=lambda v: optional(v,bytes)   # an optional byte string
    ONE=10**18; MILLI=ONE//1000; MINFEE=10**15; MAXSUPPLY=10**27
    # parameters: golden min fee, 2-block epochs, staking defaults except a 3-block unbonding period and a 50% malicious rate
    EPOCH=2; MINSTAKE=100*ONE; UNBOND=3; UNSTAKE_BURN=10; MAXLOCK=520; MAXENTRIES=16; MALICIOUS=5000
    STEPS=[(0,10000),(4,11000),(12,12500),(52,15000)]; TIERS=[10000,12000,15000,18000,20000]; SLASH=[100,500,1000,MALICIOUS]
    JAIL_PERIOD=8640; UNJAIL_FEE=10*ONE   # protocol version 2's staking parameters, at their defaults
    # compute defaults: a year of 1-second blocks, 100M AI a year halving every 4 years down to 6.25M, a 300M AI mining cap,
    # a 0.3% protocol fee, quality 0.8x–1.5x, a 1-epoch proof window, 10^-6 AI per unit at least, 1 reputation point a proof
    BPY=31536000; INITIAL=100000000*ONE; HALVING=4; TERMINAL=6250000*ONE; CAP=300000000*ONE
    PROTOCOL_FEE=30; QMIN=8000; QMAX=15000; WINDOW=1; MIN_UNIT_PRICE=ONE//1000000; REP_PER_PROOF=1; MAXREP=1000
    # governance defaults (100 AI deposit, a proposer needs the power of the minimum stake 2*isqrt(100 AI), voters 100 AI of
    # unjailed stake, quorums 51/60/75/60/51%, yes > 50% of yes + no, 20% steps, 100 active proposals) except one day = one
    # block (block_time_ms 86,400,000), a 1-block timelock and 2 voting days for parameter changes and treasury spends
    MIN_DEPOSIT=100*ONE; MIN_PROPOSER_POWER=2*10**10; VOTER_MIN_STAKE=100*ONE; BLOCK_TIME_MS=86400000
    RULES=[(5100,2),(6000,2),(7500,14),(6000,7),(5100,3)]   # (quorum bps, voting days) of kinds 1-5: parameter change,
    PASS_BPS=5000; TIMELOCK=1; MAX_CHANGE=2000; MAX_ACTIVE=100   # treasury spend, upgrade, slash, text
    CHANGE_WINDOW=7776000   # version 2: the step rule's window (a quarter of 1-second blocks, the default)
    MAX_SPEND=1000          # version 2: governance.max_spend_bps, the most paid from one source per window
    # protocol version 3: the verification parameters at their defaults except every receipt sampled (sample_bps 10000,
    # so the draw never depends on the mix), 1-block windows for the sampling delay, the verdict, the challenge and its
    # resolution, no reassignment, a 0.01 AI validation reward and one settlement step a block
    V=dict(DEFAULT_COMPUTE); V.update(sample_bps=10000,sample_delay_blocks=1,validation_window_blocks=1,max_reassignments=0,
        challenge_window_blocks=1,resolution_window_blocks=1,validation_reward=ONE//100,settlement_batch=1)
    BOUNDS={'compute.protocol_fee_bps':(0,10000)}   # the registry's bounds of the one parameter this chain changes
    live={'compute.protocol_fee_bps':PROTOCOL_FEE}  # the parameters governance can change, as in force now
    seed={n:H(b'proofmint/test-key/'+n.encode()) for n in ['golden-a','golden-b','alice','bob','carol','dave']}
    pk={n:public_key(s) for n,s in seed.items()}
    addr={k:address_of_key(v) for k,v in pk.items()}
    mod=module_address
    TRE,POOL,LIQ,GOV=mod('treasury'),mod('reward_pool'),mod('liquidity'),mod('governance')
    VAL,CHAL=mod('validation'),mod('challenges')   # protocol version 3
    CHAIN='proofmint-golden'; T0=1767225600000; BLOCKS=int(os.environ.get('GOLDEN_BLOCKS','38'))
    # state
    acct={addr['alice']:[0,1000000*ONE],addr['bob']:[0,1000*ONE],addr['carol']:[0,ONE],addr['golden-a']:[0,500*ONE],TRE:[0,5000000*ONE]}
    stakes={}   # address -> dict(amount, lock, until, tier, att, rep, jailed, jailed_at)
    windows={}  # parameter name -> (window start height, value at its start): 0x20 ‖ name (version 2)
    spends={}   # spend source name -> [window start height, source balance at its start, spent]: 0x22 ‖ name (version 2)
    queues={}   # address -> [[amount, matureAt], ...]
    markers=set()   # evidence markers 0x07
    totals=[sum(v[1] for v in acct.values()),0,0,0,0,0]   # issued, burned, fees paid, staked, unbonding, minted
    epoch=[0,1]  # running epoch: number, start height
    recs={}      # epoch -> EpochRecord v2 (dict, proofmint_model.empty_epoch_record)
    work={}      # (address, epoch) -> ProviderWork v2 (dict)
    receipts={}  # 0x24: job id -> ReceiptRecord (dict)
    cvals=dict(members=[],stored=False)   # 0x23: the compute validator set (absent at genesis: no bonds)
    cdue={}      # 0x25/0x26: height -> job ids filed there, in filing order
    eprov={}     # 0x27: (epoch, i) -> provider
    erec={}      # 0x28: (epoch, i) -> job id
    chold={}     # 0x2D: provider -> unsettled epochs with work (absent at 0)
    cursor=dict(c=(0,0,0),stored=False)   # 0x2C: (epoch, phase waiting 0 / paying 1 / pruning 2, index)
    gov=dict(next=1,open=0,power=0,stored=False)   # 0x0D (version 2): next id, open proposals, total unjailed stake; absent until first written
    props={}     # id -> dict(proposer, kind, content, deposit, submit, end, status, voters, tally, execute, failure, effect)
    votes={}     # (id, voter) -> option (1 yes, 2 no, 3 abstain)
    mixrec=[None]   # the randomness mix at 0x29 (protocol version 3): absent until block 1 folds in its beacon
    due={}       # 0x12: height -> ids whose tally or execution falls there (deleted once that block's end has read it)
    holds={}     # 0x13: address -> open slash proposals naming it (absent at 0)
    params=lambda: (u8(3)+u128(MINFEE)+u32(4096)+u32(10000)+u32(8<<20)+u16(4000)+u16(3000)+u16(2000)+u16(1000)+u64(EPOCH)
            +u128(MINSTAKE)+u64(UNBOND)+u16(UNSTAKE_BURN)+u32(MAXLOCK)+u8(len(STEPS))+b''.join(u32(e)+u16(b) for e,b in STEPS)
            +u8(len(TIERS))+b''.join(u16(t) for t in TIERS)+u16(MAXENTRIES)+b''.join(u16(r) for r in SLASH)+u64(JAIL_PERIOD)+u128(UNJAIL_FEE)
            +u64(BPY)+u128(INITIAL)+u64(HALVING)+u128(TERMINAL)+u128(CAP)+u16(live['compute.protocol_fee_bps'])+u16(QMIN)+u16(QMAX)+u64(WINDOW)
            +u128(MIN_UNIT_PRICE)+u16(REP_PER_PROOF)+enc_verification_parameters(V)
            +u128(MIN_DEPOSIT)+u128(MIN_PROPOSER_POWER)+u128(VOTER_MIN_STAKE)+u64(BLOCK_TIME_MS)+u8(len(RULES))
            +b''.join(u16(q)+u32(d) for q,d in RULES)+u16(PASS_BPS)+u64(TIMELOCK)+u16(MAX_CHANGE)+u32(MAX_ACTIVE)+u64(CHANGE_WINDOW)+u16(MAX_SPEND))
    VALIDATORS=['golden-a','golden-b']
    vals=u8(1)+u32(2)+b''.join(u32(len(n))+n.encode()+pk[n] for n in VALIDATORS)
    def enc_stake(s): return u8(3)+u128(s['amount'])+u32(s['lock'])+u64(s['until'])+u8(s['tier'])+opt(s['att'])+u16(s['rep'])+u8(s['jailed'])+u64(s['jailed_at'])
    # quadratic yes, no, abstain; linear yes, no, abstain stake; participation stake, total stake; quorum, passed
    def enc_tally(t): return b''.join(u128(x) for x in t[:8])+u8(t[8])+u8(t[9])
    def enc_prop(i,p):
        # version 2: the voters are a count here and index records at 0x11
        return (u8(2)+u64(i)+p['proposer']+p['content']+u128(p['deposit'])+u64(p['submit'])+u64(p['end'])+u8(p['status'])
                +u32(len(p['voters']))+opt(None if p['tally'] is None else enc_tally(p['tally']))
                +opt(None if p['execute'] is None else u64(p['execute']))+u16(p['failure']))
    def state():
        s={}
        for a,(n,b) in acct.items():
            if n or b: s[b'\x01'+a]=u8(1)+u64(n)+u128(b)
        s[b'\x02']=b'\x01'+b''.join(u128(t) for t in totals)
        s[b'\x03']=params(); s[b'\x04']=vals
        for a,st in stakes.items():
            if st['amount'] or st['rep'] or st['jailed']: s[b'\x05'+a]=enc_stake(st)
        for a,q in queues.items():
            if q: s[b'\x06'+a]=u8(1)+u16(len(q))+b''.join(u128(x)+u64(m) for x,m in q)
        for m in markers: s[m]=b'\x01'
        s[b'\x08']=u8(1)+u64(epoch[0])+u64(epoch[1])
        for e,r in recs.items(): s[b'\x09'+u64(e)]=enc_epoch_record(r)
        for (a,e),w in work.items(): s[b'\x0a'+a+u64(e)]=enc_provider_work(w)
        if cvals['stored']: s[b'\x23']=enc_compute_validators(cvals['members'])
        for j,r in receipts.items(): s[b'\x24'+j]=enc_receipt_record(r)
        for h_,js in cdue.items():
            s[b'\x25'+u64(h_)]=u32(len(js))
            for i,j in enumerate(js): s[b'\x26'+u64(h_)+u32(i)]=j
        for (e,i),a in eprov.items(): s[b'\x27'+u64(e)+u32(i)]=a
        for (e,i),j in erec.items(): s[b'\x28'+u64(e)+u32(i)]=j
        if cursor['stored']: s[b'\x2c']=enc_settlement_cursor(*cursor['c'])
        for a,n in chold.items(): s[b'\x2d'+a]=u32(n)
        if gov['stored']: s[b'\x0d']=u8(2)+u64(gov['next'])+u32(gov['open'])+u128(gov['power'])
        for i,p in props.items():
            s[b'\x0e'+u64(i)]=enc_prop(i,p)
            for n,v in enumerate(p['voters']): s[b'\x11'+u64(i)+u32(n)]=v
        for (i,a),o in votes.items(): s[b'\x0f'+u64(i)+a]=u8(o)
        for h_,ids in due.items(): s[b'\x12'+u64(h_)]=u8(1)+u32(len(ids))+b''.join(u64(i) for i in ids)
        for a,n in holds.items(): s[b'\x13'+a]=u32(n)
        for n,(start,value) in windows.items(): s[b'\x20'+n.encode()]=u8(1)+u64(start)+u128(value)
        for n,(start,base,spent) in spends.items(): s[b'\x22'+n.encode()]=u8(1)+u64(start)+u128(base)+u128(spent)
        if mixrec[0] is not None: s[b'\x29']=mixrec[0]
        return {H(k):H(v) for k,v in s.items()}
    root=lambda: state_root(state())   # the state tree of §7 over {H(key): H(value)}
    mth=merkle_list
    def header(h,parent,ts,txr,rr,sr,cnt,prod,bcn): return enc_header(CHAIN,h,parent,ts,txr,rr,sr,cnt,prod,bcn)
    g_root=root(); g_hdr=header(0,bytes(32),T0,bytes(32),bytes(32),g_root,0,bytes(32),GENESIS_BEACON); g_hash=H(g_hdr)
    out['genesisStateRoot']=g_root.hex(); out['genesisHash']=g_hash.hex()
    say('genesis state root',g_root.hex(),'hash',g_hash.hex())
    def nonce(a): return acct.get(a,[0,0])[0]
    def credit(a,x):
        acct.setdefault(a,[0,0]); acct[a][1]+=x
    portion=lambda x,bps: x*bps//10000
    def split_fee(fee,payer):
        # every fee, a transaction's or a compute payment's protocol fee: 40% burned, 30% pool, 10% liquidity, the rest treasury
        burn=portion(fee,4000); pool=portion(fee,3000); liq=portion(fee,1000); tre=fee-burn-pool-liq
        credit(POOL,pool); credit(TRE,tre); credit(LIQ,liq); totals[1]+=burn; totals[2]+=fee
        return u8(2)+payer+u128(fee)+u128(burn)+u128(pool)+u128(tre)+u128(liq)
    # payloads: (tag, body bytes, executor); executors return events or raise Fail(code)
    class Fail(Exception): pass
    # governance's quorum denominator (0x0D): every stake write takes the old record's amount out of the sum and puts
    # the new one's in (0 for a jailed or absent stake; linear, version 2), saturating at 0; written only when it changes
    qp=lambda st: 0 if st is None or st['jailed'] else st['amount']
    def set_stake(a,before):
        after=qp(stakes.get(a))
        if before!=after: gov['power']=max(gov['power']+after-before,0); gov['stored']=True
    def transfer(to,amount,memo=b''):
        def run(s,h):
            if acct[s][1]<amount: raise Fail(100)
            acct[s][1]-=amount; credit(to,amount); return [u8(1)+s+to+u128(amount)]
        return (1,to+u128(amount)+u32(len(memo))+memo,run)
    def stake(amount,lock=0,tier=0,att=None):
        def run(s,h):
            st=stakes.get(s)
            if st and st['jailed']: raise Fail(104)
            if (st is None or st['amount']==0) and amount==0: raise Fail(105)
            total=(st['amount'] if st else 0)+amount
            if total<MINSTAKE: raise Fail(102)
            until=min(h+lock*EPOCH,2**64-1)
            if st and st['until']>h and until<st['until']: raise Fail(103)
            if acct[s][1]<amount: raise Fail(100)
            acct[s][1]-=amount
            stakes[s]=dict(amount=total,lock=lock,until=until,tier=tier,att=att,rep=st['rep'] if st else 0,jailed=0,
                           jailed_at=st['jailed_at'] if st else 0); set_stake(s,qp(st))
            totals[3]+=amount
            return [u8(3)+s+u128(amount)+u128(total)+u8(tier)+u64(until)]
        return (2,u128(amount)+u32(lock)+u8(tier)+opt(att),run)
    def unstake(amount):
        def run(s,h):
            st=stakes.get(s)
            if not st or st['amount']==0: raise Fail(105)
            if amount>st['amount']: raise Fail(106)
            if h<st['until']: raise Fail(107)
            rest=st['amount']-amount
            if rest and rest<MINSTAKE: raise Fail(108)
            q=queues.setdefault(s,[])
            if len(q)>=MAXENTRIES: raise Fail(109)
            burned=portion(amount,UNSTAKE_BURN); entry=amount-burned; mature=min(h+UNBOND,2**64-1)
            before=qp(st); st['amount']=rest; set_stake(s,before); q.append([entry,mature])
            totals[3]-=amount; totals[4]+=entry; totals[1]+=burned
            return [u8(4)+s+u128(entry)+u128(burned)+u64(mature)]
        return (3,u128(amount),run)
    def withdraw():
        def run(s,h):
            if holds.get(s,0): raise Fail(111)   # an open slash proposal names the account (version 2)
            st=stakes.get(s)
            if chold.get(s,0) and (not st or st['amount']<MINSTAKE): raise Fail(173)   # unsettled work, and below min_stake
            q=queues.get(s,[]); ready=[e for e in q if e[1]<=h]
            if not ready: raise Fail(110)
            x=sum(e[0] for e in ready); queues[s]=[e for e in q if e[1]>h]
            credit(s,x); totals[4]-=x
            return [u8(5)+s+u128(x)]
        return (4,b'',run)
    def slash(a,bps,reason,h):
        bps=min(bps,10000); before=qp(stakes.get(a))
        st=stakes.setdefault(a,dict(amount=0,lock=0,until=0,tier=0,att=None,rep=0,jailed=0,jailed_at=0))
        q=queues.get(a,[])
        fs=portion(st['amount'],bps); fu=0
        for e in q:
            c=portion(e[0],bps); e[0]-=c; fu+=c
        queues[a]=[e for e in q if e[0]]
        st['amount']-=fs; st['rep']-=min(st['rep'],bps//10)
        jails=reason in (3,4) and not st['jailed']
        if reason in (3,4): st['jailed']=1; st['jailed_at']=h   # a jailing (re)starts the jail period at h
        set_stake(a,before)
        totals[3]-=fs; totals[4]-=fu; totals[1]+=fs+fu
        return [u8(6)+a+u8(reason)+u16(bps)+u128(fs)+u128(fu)]+([u8(7)+a] if jails else [])
    def signed_header(h,signer,variant):
        # as TestChain.signedHeader: roots derived from the variant, the signer's key as producer
        hd=header(h,H(bytes([0x70,variant])),T0+h*1000,bytes(32),bytes(32),H(bytes([0x73,variant])),0,pk[signer],GENESIS_BEACON)
        return hd,sign(seed[signer],b'proofmint/block/v1\x00'+hd)
    def evidence(h,signer):
        (h1,s1),(h2,s2)=signed_header(h,signer,1),signed_header(h,signer,2)
        def run(s,height):
            prod=h1[-112:-80]   # the producer's key, before the 80-byte beacon (header version 2)
            # both headers: same chain, height h, different hashes, same producer (checked in this order)
            assert h1[5:5+len(CHAIN)]==h2[5:5+len(CHAIN)]==CHAIN.encode() and H(h1)!=H(h2) and h2[-112:-80]==prod
            v=[n for n in VALIDATORS if pk[n]==prod]
            if not v: raise Fail(124)
            if not (verify(prod,b'proofmint/block/v1\x00'+h1,s1) and verify(prod,b'proofmint/block/v1\x00'+h2,s2)): raise Fail(125)
            m=b'\x07'+H(prod+u64(h))
            if m in markers: raise Fail(126)
            markers.add(m)
            return slash(addr[v[0]],MALICIOUS,4,height)
        return (5,h1+s1+h2+s2,run)
    nextjob=[0]   # TestChain.receipt's counter: the n-th receipt built names input H("input/n") and output H("output/n")
    def receipt(consumer,provider,ep,units,quality,price,job,workload=b'llama-3-8b'):
        # ComputeReceipt version 2 (§11.2): the model, input and output hashes follow the workload; the consumer signs it
        # (domain "proofmint/receipt/v1" ‖ 0x00); the provider submits it
        nextjob[0]+=1
        hashes=(H(b'model/'+workload),H(b'input/%d'%nextjob[0]),H(b'output/%d'%nextjob[0]))
        rc=enc_compute_receipt(CHAIN,job,pk[consumer],addr[provider],ep,workload.decode(),*hashes,units,quality,price)
        return dict(consumer=consumer,provider=provider,ep=ep,units=units,quality=quality,price=price,job=job,
                    workload=workload,hashes=hashes,bytes=rc,sig=sign(seed[consumer],b'proofmint/receipt/v1\x00'+rc))
    def file_due(job,height):   # §11.11: append to the due index of `height`
        cdue.setdefault(height,[]).append(job)
    def hold_open(r,height):    # the epoch does not start settling before `height`
        rec=recs.setdefault(r['epoch'],empty_epoch_record()); rec['closes_at']=max(rec['closes_at'],height)
    def submit_proof(rc):
        consumer,provider,ep,units,quality,price,job,workload=(rc[k] for k in ('consumer','provider','ep','units','quality','price','job','workload'))
        def run(s,h):
            c=addr[consumer]
            # admission (a receipt failing these never reaches a block): chain, provider = sender, no self-dealing,
            # quality ≤ 100, units > 0, a workload, the minimum unit price, the consumer's signature
            assert s==addr[provider] and c!=s and quality<=100 and units>0 and workload and price>=MIN_UNIT_PRICE*units
            assert verify(pk[consumer],b'proofmint/receipt/v1\x00'+rc['bytes'],rc['sig'])
            if job in receipts: raise Fail(130)
            n=epoch[0]
            if not (ep<=n and n-ep<=WINDOW): raise Fail(131)
            st=stakes.get(s)
            if st and st['jailed']: raise Fail(104)
            if not st or st['amount']<MINSTAKE: raise Fail(132)
            if acct.get(c,[0,0])[1]<price: raise Fail(133)
            # version 3: value weight, the quality counted at most unverified_quality_max until a pass, two fees
            qbps=quality_bps(V,min(quality,V['unverified_quality_max'])); tbps=TIERS[st['tier']]; w=price*qbps*tbps
            fee=portion(price,live['compute.protocol_fee_bps']); vfee=portion(price,V['validation_fee_bps'])
            # the work counts in the running epoch (not the receipt's); a provider's first receipt in it indexes it (0x27)
            # and raises its compute hold; every receipt is indexed (0x28)
            r=recs.setdefault(n,empty_epoch_record())
            if (s,n) not in work:
                eprov[(n,r['provider_count'])]=s; r['provider_count']+=1; chold[s]=chold.get(s,0)+1
                work[(s,n)]=empty_provider_work()
            erec[(n,r['proofs'])]=job; r['proofs']+=1
            wk=work[(s,n)]
            r['total_weight']+=w; r['total_value']+=price; r['total_units']+=units; r['payments']+=price
            r['protocol_fees']+=fee; r['validation_fees']+=vfee; r['closes_at']=max(r['closes_at'],windows_close(V,h))
            wk['weight']+=w; wk['value']+=price; wk['units']+=units; wk['proofs']+=1; wk['earned']+=price-fee-vfee
            acct[c][1]-=price; credit(s,price-fee-vfee); credit(VAL,vfee)
            fee_event=split_fee(fee,c)
            receipts[job]=dict(provider=s,consumer=c,epoch=n,receipt_epoch=ep,accepted_at=h,value=price,units=units,score=quality,
                quality_bps=qbps,tier_bps=tbps,weight=w,model_hash=rc['hashes'][0],input_hash=rc['hashes'][1],output_hash=rc['hashes'][2],
                validation=PENDING_SAMPLE,validator=None,deadline=h+V['sample_delay_blocks'],missed=0,verdict=None,
                challenge_until=h+V['challenge_window_blocks'],challenge=None)
            file_due(job,h+V['sample_delay_blocks'])
            before=qp(st); st['rep']=min(MAXREP,st['rep']+REP_PER_PROOF); set_stake(s,before)   # the power is unchanged: no 0x0D write
            return [enc_event_proof_accepted(job,c,s,n,units,qbps,tbps,w,price,fee,vfee),fee_event]
        return (6,rc['bytes']+rc['sig'],run)
    # compute validators (§11.10): a member counts with its stake if unjailed and at least validator_min_stake
    def counted(a):
        st=stakes.get(a)
        return st['amount'] if st and not st['jailed'] and st['amount']>=V['validator_min_stake'] else 0
    def total_counted(): return sum(counted(m) for m in cvals['members'])
    def validator_tx(join=True):
        def run(s,h):
            m=cvals['members']
            if not join:
                if s not in m: raise Fail(164)
                m.remove(s); cvals['stored']=True; return [u8(31)+s]
            if s in m: raise Fail(163)
            if counted(s)==0: raise Fail(165)
            evicted=None
            if len(m)>=V['max_validators']:
                smallest=min(m,key=lambda x:(counted(x),x))
                if counted(s)<=counted(smallest): raise Fail(166)
                m.remove(smallest); evicted=smallest
            m.append(s); m.sort(); cvals['stored']=True
            return [enc_event_validator_joined(s,evicted)]
        return (10,u8(1 if join else 0),run)
    def reweigh(r,w,removing):
        # §11.11: a standing receipt's weight changes (and, removed, its value goes) in the record, its work and its epoch
        rec=recs.setdefault(r['epoch'],empty_epoch_record()); wk=work.setdefault((r['provider'],r['epoch']),empty_provider_work())
        rec['total_weight']=rec['total_weight']-min(rec['total_weight'],r['weight'])+w
        wk['weight']=wk['weight']-min(wk['weight'],r['weight'])+w
        if removing:
            rec['total_value']-=min(rec['total_value'],r['value']); wk['value']-=min(wk['value'],r['value'])
        r['weight']=w
    def validate(job,verdict,quality,slash_bps=0):
        v=VERDICTS[verdict]
        # admission: quality ≤ 100; an sla_violation's rate within the staking bounds, the others 0
        assert quality<=100 and ((SLASH[0]<=slash_bps<=SLASH[1]) if v==2 else slash_bps==0)
        def run(s,h):
            r=receipts.get(job)
            if r is None: raise Fail(160)
            if r['validation']!=ASSIGNED: raise Fail(161)
            if r['validator']!=s: raise Fail(162)
            ev=[]
            if v!=1:
                r['validation']=FAILED
                if r['challenge'] is None or r['challenge']['outcome']!=UPHELD:   # removed by a challenge: punished once
                    reweigh(r,0,True)
                    bps={2:slash_bps,3:SLASH[2],4:MALICIOUS}[v]
                    ev=slash(r['provider'],bps,{2:1,3:2,4:3}[v],h)
            else:
                r['validation']=PASSED; q=quality_bps(V,min(r['score'],quality))
                if standing(r): reweigh(r,r['value']*q*r['tier_bps'],False)
                r['quality_bps']=q
            r['verdict']=v; r['deadline']=0
            # §11.11: the receipt's validation fee over its sampling probability, at most validation_reward and the balance
            scaled=portion(r['value'],V['validation_fee_bps'])*10000
            due=V['validation_reward'] if scaled>=1<<128 else scaled//max(sample_probability_bps(V,r['value']),1)
            reward=min(V['validation_reward'],due,acct.get(VAL,[0,0])[1])
            if reward: acct[VAL][1]-=reward; credit(s,reward)
            return [enc_event_verdict_given(job,s,v,r['quality_bps'],reward)]+ev
        return (11,job+u8(v)+u8(quality)+u16(slash_bps),run)
    def challenge(job):
        def run(s,h):
            r=receipts.get(job)
            if r is None: raise Fail(160)
            if s==r['provider']: raise Fail(172)
            if r['challenge'] is not None: raise Fail(168)
            if not standing(r): raise Fail(169)
            if h>r['challenge_until']: raise Fail(167)
            bond=V['challenge_bond']
            if acct.get(s,[0,0])[1]<bond: raise Fail(100)
            acct[s][1]-=bond; credit(CHAL,bond)
            r['challenge']=dict(challenger=s,bond=bond,opened_at=h,deadline=h+V['resolution_window_blocks'],uphold_stake=0,
                                reject_stake=0,voters=[],outcome=OPEN)
            file_due(job,r['challenge']['deadline']); hold_open(r,r['challenge']['deadline'])
            return [enc_event_challenged(job,s,bond)]
        return (12,job,run)
    def release(bond,to):
        if bond: acct[CHAL][1]-=bond; credit(to,bond)
    def decide(r,job,outcome,h):
        # §11.12: upheld removes the receipt, slashes (and jails) its provider, returns the bond with a share of the slash,
        # and slashes a validator that passed it; rejected pays the bond to the provider; lapsed returns it
        c=r['challenge']; c['outcome']=outcome; ev=[]; reward=0
        if outcome==UPHELD:
            if r['validation']!=FAILED: reweigh(r,0,True); ev=slash(r['provider'],MALICIOUS,3,h)   # failed already: punished once
            slashed=sum(int.from_bytes(e[24:40],'big')+int.from_bytes(e[40:56],'big') for e in ev if e[0]==6)
            reward=portion(slashed,V['challenger_reward_bps'])
            release(c['bond'],c['challenger'])
            if reward: credit(c['challenger'],reward); totals[1]-=reward
            if r['validation']==PASSED and r['validator'] is not None:
                ev+=slash(r['validator'],V['false_pass_slash_bps'],6,h)
        elif outcome==REJECTED: release(c['bond'],r['provider'])
        else: release(c['bond'],c['challenger'])
        return [enc_event_challenge_decided(job,outcome,reward)]+ev
    def resolve(job,uphold):
        def run(s,h):
            r=receipts.get(job)
            if r is None: raise Fail(160)
            c=r['challenge']
            if c is None or c['outcome']!=OPEN or h>c['deadline']: raise Fail(170)
            if s not in cvals['members']: raise Fail(164)
            if s in (r['provider'],c['challenger']): raise Fail(172)
            if s in c['voters']: raise Fail(171)
            stake=counted(s)
            if stake==0: raise Fail(165)
            if uphold: c['uphold_stake']+=stake
            else: c['reject_stake']+=stake
            c['voters'].append(s)
            ev=[enc_event_challenge_voted(job,s,uphold,stake)]
            total=total_counted()
            if total>0 and c['uphold_stake']>total//2: ev+=decide(r,job,UPHELD,h)
            elif total>0 and c['reject_stake']>=total-total//2: ev+=decide(r,job,REJECTED,h)
            return ev
        return (13,job+u8(1 if uphold else 0),run)
    # governance: contents are (kind, bytes, check at proposal, effect at execution); checks and effects raise Fail(code)
    def param_change(changes):
        # names sorted and unique; each within its bounds (143) and at most 20% (at least 1) from its value at the start of
        # its change window (144): the stored window while h < start + CHANGE_WINDOW, else a new one opening at h with the
        # value in force (version 2)
        def changed(h):
            new=dict(live); opened={}
            for n,v in changes:
                lo,hi=BOUNDS[n]
                if not lo<=v<=hi: raise Fail(143)
                w=windows.get(n)
                if w is not None and h<w[0]+CHANGE_WINDOW: base=w[1]
                else: base=live[n]; opened[n]=(h,base)
                if abs(v-base)>max(base*MAX_CHANGE//10000,1): raise Fail(144)
                new[n]=v
            if new['compute.protocol_fee_bps']>10000: raise Fail(145)   # the set's own consistency
            return new,opened
        def effect(h):   # against the parameters in force at execution; the windows that open here are written
            new,opened=changed(h); live.update(new); windows.update(opened)
        return (1,u8(1)+u8(len(changes))+b''.join(u32(len(n))+n.encode()+u128(v) for n,v in changes),changed,effect)
    def treasury_spend(to,amount,source='treasury'):
        # the bound (152): at most MAX_SPEND bps of the source's balance at its window's start, in all, per window
        # (the stored one while h < start + CHANGE_WINDOW, else a new one opening at h at the balance now)
        src=mod(source)
        def window(h):
            w=spends.get(source)
            if w is None or h>=w[0]+CHANGE_WINDOW: w=[h,acct.get(src,[0,0])[1],0]
            if w[2]+amount>w[1]*MAX_SPEND//10000: raise Fail(152)
            return [w[0],w[1],w[2]+amount]
        def effect(h):
            w=window(h)
            if acct[src][1]<amount: raise Fail(151)
            acct[src][1]-=amount; credit(to,amount); spends[source]=w
        return (2,u8(2)+to+u128(amount)+u32(len(source))+source.encode(),window,effect)
    def text(title,doc): return (5,u8(5)+u32(len(title))+title+doc,lambda h: None,lambda h: None)
    def power(a,minimum):
        # quadratic voting power isqrt(balance) + 2*isqrt(unjailed stake); 0 below `minimum` of unjailed stake
        st=stakes.get(a); staked=0 if st is None or st['jailed'] else st['amount']
        return 0 if staked<minimum else isqrt(acct.get(a,[0,0])[1])+2*isqrt(staked)
    def period(kind): return max(RULES[kind-1][1]*86400000//BLOCK_TIME_MS,1)
    def schedule(i,at): due[at]=sorted(set(due.get(at,[]))|{i})
    def propose(deposit,content):
        kind,body,check,effect=content
        def run(s,h):
            # in this order: the deposit (140), the proposer's power after the fee (141), room (142), the content against the
            # parameters at the block's start (143-145), the balance for the deposit (100)
            if deposit<MIN_DEPOSIT: raise Fail(140)
            if power(s,0)<MIN_PROPOSER_POWER: raise Fail(141)
            if gov['open']>=MAX_ACTIVE: raise Fail(142)
            end=h+period(kind)-1; check(h)
            if acct[s][1]<deposit: raise Fail(100)
            acct[s][1]-=deposit; credit(GOV,deposit)
            i=gov['next']; gov['next']+=1; gov['open']+=1; gov['stored']=True
            props[i]=dict(proposer=s,kind=kind,content=body,deposit=deposit,submit=h,end=end,status=1,voters=[],tally=None,execute=None,
                          failure=0,effect=effect)
            schedule(i,end)   # the due index: its tally happens at the end of block `end`
            if kind==4: holds[body[1:21]]=holds.get(body[1:21],0)+1   # a slash holds its target's withdrawals
            return [u8(9)+u64(i)+s+u8(kind)+u128(deposit)+u64(end)]
        return (7,u128(deposit)+body,run)
    def vote(i,option):
        def run(s,h):
            p=props.get(i)
            if p is None: raise Fail(147)
            if p['status']!=1 or h>p['end']: raise Fail(148)
            st=stakes.get(s)
            if (0 if st is None or st['jailed'] else st['amount'])<VOTER_MIN_STAKE: raise Fail(149)
            if (i,s) not in votes: p['voters'].append(s)   # index record 0x11 ‖ id ‖ u32 n; a later vote replaces the choice, not the place
            votes[(i,s)]=option
            return [u8(10)+u64(i)+s+u8(option)]
        return (8,u64(i)+u8(option),run)
    def mix(height):
        # The randomness mix of block `height` (§4.6, 0x29), which the end of that block samples with: the start of block
        # `height` folded its beacon in, mix_h = H("proofmint/mix/v1" ‖ mix_{h−1} ‖ beacon_h) (absent reads as zero).
        return mixrec[0] if mixrec[0] is not None else ZERO
    def assign(r,job,sd,h,excluded):
        # §11.11: stake-weighted draw over the members, in ascending order, other than the provider, the consumer and
        # `excluded`, counting with their stake; none: the receipt stands unverified
        eligible=[(m,counted(m)) for m in cvals['members'] if m not in [r['provider'],r['consumer']]+excluded and counted(m)>0]
        v=draw_validator(sd,r['missed'],eligible)
        if v is None:
            r['validation']=UNVERIFIED; r['validator']=None; r['deadline']=0; return
        r['validation']=ASSIGNED; r['validator']=v; r['deadline']=h+V['validation_window_blocks']
        file_due(job,r['deadline']); hold_open(r,r['deadline'])
    def run_due(h):
        # §11.11: every job id filed at h, in filing order: sampled, its verdict missed, its challenge decided
        log=[]
        for job in cdue.pop(h,[]):
            r=receipts.get(job)
            if r is None: continue
            if r['validation']==PENDING_SAMPLE and r['deadline']==h:
                sd=sample_seed(mix(h),job)
                if not standing(r) or sample_draw(sd)>=sample_probability_bps(V,r['value']):   # removed: not checked again
                    r['validation']=NOT_SAMPLED; r['deadline']=0
                else: assign(r,job,sd,h,[])
                log.append((job,'sampled' if r['validation']!=NOT_SAMPLED else 'not sampled',r['validation'],r['validator']))
            elif r['validation']==ASSIGNED and r['deadline']==h:
                late=r['validator']
                if late is not None:
                    slash(late,V['missed_validation_slash_bps'],5,h); r['missed']=min(r['missed']+1,255)
                    if r['missed']<=V['max_reassignments']: assign(r,job,sample_seed(mix(h),job),h,[late])
                    else: r['validation']=UNVERIFIED; r['deadline']=0
                    log.append((job,'missed',r['validation'],r['validator']))
            c=r['challenge']
            if c is not None and c['outcome']==OPEN and c['deadline']==h:
                total=total_counted(); voted=c['uphold_stake']+c['reject_stake']; quorum=portion(total,V['resolution_quorum_bps'])
                outcome=LAPSED if total==0 or voted==0 or voted<quorum else (UPHELD if c['uphold_stake']>c['reject_stake'] else REJECTED)
                decide(r,job,outcome,h); log.append((job,'challenge decided',outcome,None))
        return log
    E=BPY//EPOCH   # epochs per emission year
    def emission(n):
        # the epoch's scheduled amount (a year's amount cut into its E epochs exactly), clamped by the mining cap and the supply cap
        annual=max(INITIAL>>((n//E)//HALVING),TERMINAL)   # year n//E + 1, halved every HALVING years
        scheduled=annual//E+(1 if n%E<annual%E else 0)
        return min(scheduled,max(CAP-totals[5],0),max(MAXSUPPLY-totals[0],0))
    def pay(e,i,rec,h,log):
        # §11.13: share of emission + reserved pool by weight, capped at reward_cap_bps of the standing value and at the
        # provider's stake; forfeited if
        # the provider is jailed or below min_stake; from the reserved pool first, the rest minted; the hold is lowered
        st_=rec['settlement']; a=eprov.get((e,i))
        if a is None: return
        # first the provider's hold for the epoch ends, whatever its work record holds (deleted at 0, never below)
        if chold.get(a,0)>1: chold[a]-=1
        else: chold.pop(a,None)
        if (a,e) not in work: return
        wk=work[(a,e)]; D=st_['emission']+st_['pool_reserved']
        share=0 if st_['weight']==0 else D*wk['weight']//st_['weight']
        sk=stakes.get(a)
        # at most reward_cap_bps of the standing value, and at most the stake at risk now (§11.13)
        cap=min(portion(wk['value'],V['reward_cap_bps']),sk['amount'] if sk else 0); reward=min(share,cap)
        wk['forfeited']=sk is None or bool(sk['jailed']) or sk['amount']<MINSTAKE
        wk['reward']=0 if wk['forfeited'] else reward
        st_['capped']+=share-reward
        if wk['forfeited']: st_['forfeited']+=reward
        elif reward:
            frm=min(reward,st_['pool_reserved']-min(st_['pool_reserved'],st_['from_pool']),acct.get(POOL,[0,0])[1]); mint=reward-frm
            if frm: acct[POOL][1]-=frm
            credit(a,reward); totals[0]+=mint; totals[5]+=mint
            st_['paid']+=reward; st_['minted']+=mint; st_['from_pool']+=frm
        log.append(('paid',e,a,share,cap,wk['reward'],wk['forfeited']))
    def prune(e,i,rec):
        if i<rec['proofs']:
            j=erec.pop((e,i),None)
            if j is not None: receipts.pop(j,None)
        else:
            a=eprov.pop((e,i-rec['proofs']),None)
            if a is not None: work.pop((a,e),None)
    def end_block(h):
        # §11.6: (1) the due receipts, (2) at an epoch's last block its close, (3) up to settlement_batch settlement steps
        log=run_due(h)
        n,start=epoch
        if h>=start+EPOCH-1:
            r=recs.setdefault(n,empty_epoch_record()); r['vested']=0; r['closes_at']=max(r['closes_at'],h)   # no team vesting here
            epoch[:]=[n+1,h+1]
        budget=V['settlement_batch']; cur=list(cursor['c']); orig=tuple(cur); current=epoch[0]
        while budget>0 and cur[0]<current:
            e=cur[0]; rec=recs.setdefault(e,empty_epoch_record())
            if cur[1]==0:   # waiting
                if h<rec['closes_at']: break
                if rec['total_weight']==0: rec['settlement']=dict(started_at=h,emission=0,pool_reserved=0,weight=0,paid=0,minted=0,
                                                                 from_pool=0,forfeited=0,capped=0,finished_at=None)
                else: rec['settlement']=dict(started_at=h,emission=emission(e),pool_reserved=acct.get(POOL,[0,0])[1],weight=rec['total_weight'],
                                             paid=0,minted=0,from_pool=0,forfeited=0,capped=0,finished_at=None)
                log.append(('started',e)); cur=[e,1,0]; continue
            if cur[1]==1:   # paying
                while budget>0 and cur[2]<rec['provider_count']:
                    pay(e,cur[2],rec,h,log); cur[2]+=1; budget-=1
                if cur[2]<rec['provider_count']: continue
                # paid: pruning starts in a later block, so every paid work record is in a committed state
                rec['settlement']['finished_at']=h; cur=[e,2,0]; log.append(('finished',e))
                break
            # pruning, once no job id of the epoch can be submitted again
            if not e+WINDOW<current: break
            total=rec['proofs']+rec['provider_count']
            while budget>0 and cur[2]<total:
                prune(e,cur[2],rec); cur[2]+=1; budget-=1; log.append(('pruned',e,cur[2]-1))
            if cur[2]>=total: cur=[e+1,0,0]
        if tuple(cur)!=orig: cursor['c']=tuple(cur); cursor['stored']=True
        return log
    def governance_end_block(h):
        # after the epoch settlement, each active proposal in ascending id order: at the end of its voting period the tally
        # (on balances and stakes as they are now, the stake power read per proposal) returns the deposit and schedules the
        # execution TIMELOCK blocks later, or burns it; at or after that height the execution, which reads the parameters
        # in force at that moment, marks the proposal executed or, if its effect became impossible, execution failed
        # version 2: only the ids of the due index entry of this height, ascending; the entry is deleted. Both majorities,
        # quadratic power and linear stake, must pass; the quorum is linear stake against the total unjailed stake
        log=[]
        for i in due.pop(h,[]):
            p=props[i]; was_open=p['status'] in (1,2)
            if p['status']==1 and h>=p['end']:
                q=[0,0,0]; lin=[0,0,0]
                for v in p['voters']:
                    st=stakes.get(v); staked=0 if st is None or st['jailed'] else st['amount']
                    if staked<VOTER_MIN_STAKE: continue   # no longer eligible: the vote lapses
                    o=votes[(i,v)]; q[o-1]+=power(v,VOTER_MIN_STAKE); lin[o-1]+=staked
                part=sum(lin); total=gov['power']; quorum=total>0 and part*10000>=total*RULES[p['kind']-1][0]
                majority=lambda y,n: y+n>0 and y*10000>(y+n)*PASS_BPS
                passed=quorum and majority(q[0],q[1]) and majority(lin[0],lin[1])
                p['tally']=(*q,*lin,part,total,int(quorum),int(passed))
                acct[GOV][1]-=p['deposit']
                if passed: p['status']=2; p['execute']=min(h+TIMELOCK,2**64-1); credit(p['proposer'],p['deposit'])
                else: p['status']=4; totals[1]+=p['deposit']
                log.append((i,'passed' if passed else 'rejected',p['tally']))
            if p['status']==2:
                if h>=p['execute']:
                    try: p['effect'](h); p['status']=3
                    except Fail as f: p['status']=5; p['failure']=f.args[0]
                    log.append((i,'executed' if p['status']==3 else 'execution failed %d'%p['failure'],None))
                else: schedule(i,p['execute'])
            if was_open and p['status'] not in (1,2):
                gov['open']=max(gov['open']-1,0)
                if p['kind']==4:
                    a=p['content'][1:21]; holds[a]-=1
                    if holds[a]==0: del holds[a]
        return log
    def tx(frm,payload,fee=MINFEE,n=None,expiry=None):
        n=nonce(addr[frm]) if n is None else n
        return dict(frm=frm,payload=payload,fee=fee,nonce=n,expiry=expiry)
    def enc(t):
        e=u8(0) if t['expiry'] is None else u8(1)+u64(t['expiry'])
        tag,body,_=t['payload']
        return u8(1)+u32(len(CHAIN))+CHAIN.encode()+pk[t['frm']]+u64(t['nonce'])+u128(t['fee'])+e+u8(tag)+body
    A,B,C,D=addr['alice'],addr['bob'],addr['carol'],addr['dave']
    ATT=H(b'golden-attestation'); JOB=lambda i: H(b'golden-job-%d'%i)
    blocks={1:lambda:[tx('alice',transfer(B,100*ONE)),tx('bob',transfer(C,ONE//2),fee=2*MILLI+7)],
     2:lambda:[tx('carol',transfer(A,5*ONE)),tx('alice',transfer(D,ONE)),tx('alice',transfer(B,3),n=2)],
     3:lambda:[],
     4:lambda:[tx('alice',transfer(A,ONE,b'invoice-42'),expiry=10),tx('bob',transfer(A,12345),fee=ONE)],
     5:lambda:[tx('dave',transfer(B,ONE//2)),tx('alice',transfer(LIQ,7*ONE),fee=3*MILLI+1)],
     6:lambda:[tx('bob',stake(200*ONE,1,1,ATT)),tx('alice',stake(150*ONE+5)),tx('carol',stake(0)),tx('golden-a',stake(300*ONE),fee=2*MILLI)],
     7:lambda:[tx('alice',unstake(50*ONE+6)),tx('alice',unstake(50*ONE+5),n=nonce(A)+1),tx('bob',unstake(ONE)),tx('golden-a',unstake(100*ONE))],
     8:lambda:[tx('carol',evidence(3,'golden-a')),tx('alice',withdraw())],
     9:lambda:[tx('bob',unstake(100*ONE)),tx('golden-a',stake(100*ONE))],
     10:lambda:[tx('alice',withdraw()),tx('golden-a',withdraw()),tx('bob',withdraw())],
     # the TestChain counter names each receipt's input and output hashes: blocks 11-18 build receipts 1-7 in this order
     11:lambda:(lambda r1,r2,r4:[tx('bob',submit_proof(r1)),tx('alice',submit_proof(r2)),tx('bob',submit_proof(r1),n=nonce(B)+1),
                tx('dave',submit_proof(r4))])(receipt('alice','bob',5,1000,90,10*ONE,JOB(1)),receipt('bob','alice',5,333,37,3*ONE+7,JOB(2)),
                                              receipt('alice','dave',5,50,100,ONE,JOB(4))),
     12:lambda:[tx('alice',submit_proof(receipt('bob','alice',4,10,0,ONE,JOB(3))))],
     13:lambda:[tx('bob',submit_proof(receipt('alice','bob',4,500,50,5*ONE,JOB(5))))],
     14:lambda:[],
     # governance: proposal 1 (alice) the protocol fee 30 -> 36 bps and 2 (bob) 2,500 AI from the treasury to dave vote in 15-16;
     # carol lacks the power (141), 99 AI is below the deposit (140); bob's yes is replaced by an abstain in block 16
     15:lambda:[tx('alice',propose(100*ONE,FEE_CHANGE)),tx('bob',propose(100*ONE,treasury_spend(D,2500*ONE))),tx('carol',propose(100*ONE,SIGNAL)),
                tx('alice',propose(99*ONE,SIGNAL),n=nonce(A)+1),tx('bob',vote(1,1),n=nonce(B)+1)],
     # proposal 3 (text, 150 AI) votes in 16-18; golden-a is jailed and carol not staked (149), there is no proposal 9 (147)
     16:lambda:[tx('alice',propose(150*ONE,SIGNAL)),tx('alice',vote(1,1),n=nonce(A)+1),tx('alice',vote(2,3),n=nonce(A)+2),tx('alice',vote(3,1),n=nonce(A)+3),
                tx('bob',vote(1,3)),tx('bob',vote(2,1),n=nonce(B)+1),tx('golden-a',vote(1,1)),tx('carol',vote(2,1)),tx('dave',vote(9,1))],
     # 1 and 2 passed at 16's end and execute at 17's: the vote comes too late (148), the receipt still pays 30 bps
     17:lambda:[tx('bob',vote(1,1)),tx('bob',submit_proof(receipt('alice','bob',8,400,80,10*ONE+9,JOB(6))),n=nonce(B)+1)],
     # the same receipt pays the new 36 bps; epoch 8 settles, then proposal 3's tally misses its quorum and burns the deposit
     18:lambda:[tx('bob',submit_proof(receipt('alice','bob',8,400,80,10*ONE+9,JOB(7))))],
     # protocol version 3. Epoch 9: dave stakes 200 AI and joins the compute validators (again: 163; golden-a, jailed,
     # counts 0: 165), alice tops her stake up to 200 AI; bob (for alice) and alice (for bob) submit receipts 8 and 9
     19:lambda:(lambda r8,r9:[tx('dave',stake(200*ONE)),tx('alice',stake(100*ONE)),tx('dave',validator_tx(),n=nonce(D)+1),
                tx('dave',validator_tx(),n=nonce(D)+2),tx('golden-a',validator_tx()),tx('bob',submit_proof(r8)),
                tx('alice',submit_proof(r9),n=nonce(A)+1)])(receipt('alice','bob',9,1000,90,10*ONE,JOB(8)),receipt('bob','alice',9,200,60,2*ONE,JOB(9))),
     # golden-a challenges receipt 8 (its last block); at the end both receipts are sampled and assigned to dave
     20:lambda:[tx('golden-a',challenge(JOB(8)))],
     # epoch 10: too late to challenge 9 (167); alice is not 8's validator (162); dave passes 8 at quality 80, finds 9 an
     # SLA violation (alice slashed 5%, 9 removed), and rejects the challenge (the bond to bob); bob submits receipt 10
     21:lambda:(lambda r10:[tx('golden-a',challenge(JOB(9))),tx('alice',validate(JOB(8),'pass',100)),tx('dave',validate(JOB(8),'pass',80)),
                tx('dave',validate(JOB(9),'sla_violation',60,500),n=nonce(D)+1),tx('dave',resolve(JOB(8),False),n=nonce(D)+2),
                tx('bob',submit_proof(r10))])(receipt('alice','bob',10,500,100,5*ONE,JOB(10))),
     # alice submits receipt 11 (dave paid her), golden-a challenges it and dave upholds: alice slashed 50% and jailed,
     # golden-a gets its bond and half the slash; golden-a also challenges receipt 10, on which nobody votes (it lapses at
     # 23's end); at the end receipt 10 is assigned to dave
     22:lambda:(lambda r11:[tx('alice',submit_proof(r11)),tx('golden-a',challenge(JOB(11))),tx('dave',resolve(JOB(11),True)),
                tx('golden-a',challenge(JOB(10)),n=nonce(addr['golden-a'])+1)])(
                receipt('dave','alice',10,300,95,3*ONE,JOB(11))),
     # epoch 11: alice's withdrawal waits for her unsettled epochs, her 95 AI being below the minimum stake (173); dave
     # passes receipt 10 at quality 100; receipt 11,
     # removed by the upheld challenge, is not sampled (checked and punished once)
     23:lambda:[tx('alice',withdraw()),tx('dave',validate(JOB(10),'pass',100))]}
    FEE_CHANGE=param_change([('compute.protocol_fee_bps',36)]); SIGNAL=text(b'golden-signal',H(b'golden-document'))
    parent=g_hash
    for h in range(1,BLOCKS+1):
        # the block starts by folding its producer's beacon (a VRF proof over the chain id and height) into the mix
        producer='golden-a' if h%2==1 else 'golden-b'
        proof,value=beacon(seed[producer],CHAIN,h)
        assert vrf_verify(pk[producer],beacon_input(CHAIN,h),proof) is not None
        mixrec[0]=next_mix(mixrec[0],value)
        txs=blocks.get(h,lambda:[])(); ids=[]; txrs=[]; codes=[]
        for t in txs:
            b=enc(t); sig=sign(seed[t['frm']],b'proofmint/tx/v1\x00'+b); ids.append(H(b+sig)); s=addr[t['frm']]; fee=t['fee']
            assert acct[s][0]==t['nonce'] and acct[s][1]>=fee
            acct[s][1]-=fee; acct[s][0]+=1
            ev=[split_fee(fee,s)]
            saved=copy.deepcopy((acct,stakes,queues,markers,totals,recs,work,gov,props,votes,live,due,holds,receipts,cvals,cdue,eprov,erec,chold))
            try: ev+=t['payload'][2](s,h); code=0
            except Fail as f:
                code=f.args[0]; acct,stakes,queues,markers,totals,recs,work,gov,props,votes,live,due,holds,receipts,cvals,cdue,eprov,erec,chold=saved
            codes.append(code)
            txrs.append(u8(1)+H(b)+u16(code)+u128(fee)+u32(len(ev))+b''.join(ev))
        settled=end_block(h); decided=governance_end_block(h)   # the epoch first, then governance
        # supply invariant: issued (genesis + minted) − burned = balances + stakes + unbonding entries
        assert totals[0]-totals[1]==sum(v[1] for v in acct.values())+sum(x['amount'] for x in stakes.values())+sum(e[0] for q in queues.values() for e in q)
        # the governance account holds exactly the deposits of the proposals still voting; the total stake is Σ unjailed stake;
        # the open count is the proposals voting or passed, and a block's due entry is gone after its end
        assert gov['open']==sum(1 for p in props.values() if p['status'] in (1,2)) and h not in due
        assert acct.get(GOV,[0,0])[1]==sum(p['deposit'] for p in props.values() if p['status']==1)
        assert gov['power']==sum(qp(x) for x in stakes.values())
        sr=root(); rr=mth([H(r) for r in txrs]); txr=mth(ids)
        hdr=header(h,parent,T0+5000*h,txr,rr,sr,len(txs),pk[producer],proof); parent=H(hdr)
        out['blockHashes'].append(parent.hex()); out['stateRoots'].append(sr.hex()); out['receiptRoots'].append(rr.hex()); out['receiptCodes'].append(codes)
        say(h,'hash',parent.hex(),'state',sr.hex(),'receipts',rr.hex(),'codes',codes)
        names={addr[n]:n for n in addr}
        for item in settled:
            if item[0] in ('started','finished'):
                st_=recs[item[1]]['settlement']
                if st_['weight'] or item[0]=='finished' and st_['paid']+st_['forfeited']+st_['capped']:
                    say('  epoch',item[1],'settlement',item[0],'(emission %d, pool reserved %d, weight %d, paid %d, minted %d, from pool %d,'
                        ' forfeited %d, capped %d)'%tuple(st_[k] for k in ('emission','pool_reserved','weight','paid','minted','from_pool','forfeited','capped')))
                    if item[0]=='finished':
                        assert st_['paid']==st_['minted']+st_['from_pool'] and st_['paid']+st_['forfeited']+st_['capped']<=st_['emission']+st_['pool_reserved']
                        out['figures'].update({'epoch %d %s'%(item[1],k.replace('_',' ')):st_[k] for k in ('emission','pool_reserved','paid','minted','from_pool','forfeited','capped','started_at','finished_at')})
            elif item[0]=='paid':
                _,e,a_,share,cap,reward,forf=item
                say('  epoch',e,'pays',names.get(a_,a_.hex()),'share',share,'cap',cap,'reward',reward,'forfeited' if forf else '')
                out['figures']['epoch %d reward %s'%(e,names.get(a_))]=reward
            elif item[0]=='pruned':
                say('  epoch',item[1],'pruned item',item[2])
            else:
                job,what,status,v=item
                jn=[i for i in range(1,20) if JOB(i)==job][0]
                say('  receipt',jn,what,'->',['','pending_sample','not_sampled','assigned','passed','failed','unverified'][status] if what!='challenge decided' else ['open','upheld','rejected','lapsed'][status],
                    names.get(v,'') if v else '')
        for i,what,t in decided:
            if t is not None: out['figures'].update({'proposal %d %s'%(i,k):v for k,v in zip(['yes','no','abstain','yes stake','no stake','abstain stake'],t[:6])})
            say('  proposal',i,what+('' if t is None else ': yes %d no %d abstain %d; stake yes %d no %d abstain %d; participation %d of %d'%t[:8]))
    out['figures'].update({'dave':acct[D][1],'treasury':acct[TRE][1],'burned':totals[1],'minted':totals[5],
                           'validation account':acct.get(VAL,[0,0])[1],'challenges account':acct.get(CHAL,[0,0])[1],
                           'golden-a':acct[addr['golden-a']][1],'reward pool':acct.get(POOL,[0,0])[1]})
    for n in ('alice','bob','dave'):
        out['figures']['%s stake'%n]=stakes[addr[n]]['amount']
    say('protocol fee',live['compute.protocol_fee_bps'],'bps; dave',acct[D][1],'treasury',acct[TRE][1],'burned',totals[1],'minted',totals[5])
    say('validation account',acct.get(VAL,[0,0])[1],'challenges account',acct.get(CHAL,[0,0])[1],'golden-a',acct[addr['golden-a']][1],
        'reward pool',acct.get(POOL,[0,0])[1],'stakes',{n:(stakes[addr[n]]['amount'],stakes[addr[n]]['jailed']) for n in ('alice','bob','dave')})
    say('compute validators',[names.get(m) for m in cvals['members']],'cursor',cursor['c'],'receipt records',sorted(
        [i for i in range(1,20) if JOB(i) in receipts]),'epoch records',{e:(r['proofs'],r['provider_count']) for e,r in recs.items() if r['proofs']})
    return out


def pinned(path=SWIFT):
    """The constants GoldenChain.swift pins, read from its source."""
    text = open(path).read()
    pins = {}
    for name in ["genesisStateRoot", "genesisHash"]:
        m = re.search(r'static let %s = "([0-9a-f]*)"' % name, text)
        pins[name] = m and m.group(1)
    for name in ["blockHashes", "stateRoots", "receiptRoots"]:
        m = re.search(r"static let %s: \[String\] = \[(.*?)\n    \]" % name, text, re.S)
        pins[name] = m and re.findall(r'"([0-9a-f]*)"', m.group(1))
    m = re.search(r"static let receiptCodes: \[\[UInt16\]\] = (\[.*\])\n", text)
    pins["receiptCodes"] = m and json.loads(m.group(1))
    return pins, text


def check(out, path=SWIFT):
    """Every difference between the model and GoldenChain.swift, as lines naming it."""
    pins, text = pinned(path)
    problems = []
    for name in ["genesisStateRoot", "genesisHash"]:
        if pins[name] != out[name]:
            problems.append(f"{name}: model {out[name]}, GoldenChain.swift {pins[name]}")
    for name in ["blockHashes", "stateRoots", "receiptRoots", "receiptCodes"]:
        mine, theirs = out[name], pins[name]
        if theirs is None:
            problems.append(f"{name}: not found in GoldenChain.swift")
            continue
        if len(mine) != len(theirs):
            problems.append(f"{name}: model has {len(mine)} blocks, GoldenChain.swift {len(theirs)}")
        for h, (a, b) in enumerate(zip(mine, theirs), start=1):
            if a != b:
                problems.append(f"{name} of block {h}: model {a}, GoldenChain.swift {b}")
    for name in QUOTED:
        value = out["figures"].get(name)
        if value is None or f"{value:_}" not in text:
            problems.append(f"figure '{name}': model {value if value is None else f'{value:_}'} is not in GoldenChain.swift")
    return problems


def read_transaction(r):
    """One signed transaction (§3.2-§3.4) from a Reader: (unsigned bytes, signed bytes)."""
    start = r.i
    assert r.int(1) == 1, "transaction version"
    r.string(); r.take(32 + 8 + 16)
    if r.int(1):
        r.take(8)
    tag = r.int(1)
    if tag == 1:
        r.take(20 + 16); r.take(r.int(4))
    elif tag == 2:
        r.take(16 + 4 + 1)
        if r.int(1):
            r.take(32)
    elif tag == 3:
        r.take(16)
    elif tag == 5:
        for _ in range(2):
            read_header(r); r.take(64)
    elif tag == 6:
        assert r.int(1) == 2, "compute receipt version"   # version 2 since protocol version 3 (§11.2)
        r.string(); r.take(32 + 32 + 20 + 8); r.string(); r.take(3 * 32 + 8 + 1 + 16 + 64)
    elif tag == 7:
        r.take(16); dec_content(r)
    elif tag == 8:
        r.take(8 + 1)
    elif tag == 10:
        r.take(1)                  # validator: bool join
    elif tag == 11:
        r.take(32 + 1 + 1 + 2)     # validate: job id, verdict, quality, slash bps
    elif tag == 12:
        r.take(32)                 # challenge: job id
    elif tag == 13:
        r.take(32 + 1)             # resolve: job id, bool uphold
    else:
        assert tag in (4, 9), f"unknown transaction tag {tag}"   # withdraw, unjail: no body
    unsigned = r.b[start:r.i]
    return unsigned, unsigned + r.take(64)


def read_header(r):
    """A block header (§4.1) from a Reader: its bytes and fields."""
    start = r.i
    assert r.int(1) == 2, "header version"
    h = dict(chain_id=r.string(), height=r.int(8), parent=r.take(32), timestamp=r.int(8), tx_root=r.take(32),
             receipt_root=r.take(32), state_root=r.take(32), tx_count=r.int(4), producer=r.take(32), beacon=r.take(80))
    h["bytes"] = r.b[start:r.i]
    return h


def check_fixture(path=FIXTURE, roots_path=FIXTURE_ROOTS):
    """The committed 240-block fixture, without re-executing it: the chain file's frames and checksums, the genesis
    root and hash recomputed from its genesis JSON, every block linked to its parent's hash, carrying the state root
    pinned in golden-chain.roots, the transaction root of its transactions and its transaction count, signed by a
    genesis validator, every transaction signed by its sender for this chain, and the end frame's summary. (That the
    pinned roots follow from the rules is GoldenFixtureTests' replay; this checks the files agree with each other.)
    Returns (problems, block count)."""
    data = open(path, "rb").read()
    pinned = open(roots_path).read().split()
    problems = []
    r = Reader(data)
    if r.take(10) != b"PMCHAIN\x00" + u16(1):
        return [f"{path}: not a version 1 chain file"], 0
    frames = []
    while r.i < len(data):
        kind, length = r.int(1), r.int(4)
        payload, checksum = r.take(length), r.take(8)
        if H(u8(kind) + u32(length) + payload)[:8] != checksum:
            problems.append(f"frame {len(frames)} (kind {kind}): checksum differs")
        frames.append((kind, payload))
    if not frames or frames[0][0] != 1 or frames[-1][0] != 3 or any(k != 2 for k, _ in frames[1:-1]):
        return problems + ["the chain file is not genesis, blocks, end"], 0
    g = parse_genesis(frames[0][1])
    root = state_root(entries_of(genesis_state(g)))
    parent = H(enc_header(g["chain_id"], 0, bytes(32), g["time_ms"], bytes(32), bytes(32), root, 0, bytes(32), GENESIS_BEACON))
    parent_ms = g["time_ms"]
    blocks = [p for _, p in frames[1:-1]]
    if len(blocks) != len(pinned):
        problems.append(f"{len(blocks)} blocks in the chain file, {len(pinned)} roots in golden-chain.roots")
    for height, block in enumerate(blocks, start=1):
        try:
            br = Reader(block)
            h = read_header(br)
            signature = br.take(64)
            txs = [read_transaction(br) for _ in range(br.int(4))]
            br.done()
        except AssertionError as e:
            problems.append(f"block {height}: does not decode ({e})")
            break
        where = f"block {height}"
        if h["chain_id"] != g["chain_id"] or h["height"] != height:
            problems.append(f"{where}: chain id {h['chain_id']} height {h['height']}")
        if h["parent"] != parent:
            problems.append(f"{where}: parent {h['parent'].hex()}, the previous block's hash is {parent.hex()}")
        if height <= len(pinned) and h["state_root"].hex() != pinned[height - 1]:
            problems.append(f"{where}: state root {h['state_root'].hex()}, golden-chain.roots pins {pinned[height - 1]}")
        if h["tx_count"] != len(txs) or h["tx_root"] != merkle_list([H(signed) for _, signed in txs]):
            problems.append(f"{where}: transaction count or root differs from its transactions")
        # §4.4 with the genesis set and parameters (the golden chain changes neither the set nor blocks_per_year)
        turn = scheduled_producer(g["validators"], g["parameters"], height, parent_ms, h["timestamp"])
        if turn is None or h["producer"] != turn[1] or not verify(h["producer"], BLOCK_DOMAIN + h["bytes"], signature):
            problems.append(f"{where}: not signed by the validator §4.4 schedules")
        elif vrf_verify(h["producer"], beacon_input(g["chain_id"], height), h["beacon"]) is None:
            problems.append(f"{where}: the beacon is not the producer's VRF proof for this chain and height")
        for i, (unsigned, signed) in enumerate(txs):
            n = len(g["chain_id"])   # version, u32 length, chain id, then the sender's key
            if unsigned[5:5 + n] != g["chain_id"].encode() or not verify(unsigned[5 + n:37 + n], TX_DOMAIN + unsigned, signed[-64:]):
                problems.append(f"{where}: transaction {i} not signed by its sender for this chain")
        parent, parent_ms = H(h["bytes"]), h["timestamp"]
    end = Reader(frames[-1][1])
    summary = (end.int(8), end.int(8), end.int(8), end.take(32))
    if summary != (len(blocks), 1 if blocks else 0, len(blocks), parent):
        problems.append(f"end frame {summary[:3]} {summary[3].hex()} does not match the blocks")
    return problems, len(blocks)


def main():
    args = sys.argv[1:]
    quiet = "--quiet" in args
    out = derive(say=(lambda *a: None) if quiet else print)
    if "--check" in args:
        problems = check(out)
        fixture_problems, count = check_fixture()
        problems += [f"golden-chain fixture: {p}" for p in fixture_problems]
        for p in problems[:30]:
            print(f"MISMATCH {p}", file=sys.stderr)
        if len(problems) > 30:
            print(f"... and {len(problems) - 30} more", file=sys.stderr)
        if problems:
            print(f"golden_chain_model: {len(problems)} value(s) differ from Tests/ProofmintCoreTests/Execution/GoldenChain.swift"
                  " or Tests/Fixtures/golden-chain.*", file=sys.stderr)
            sys.exit(1)
        print(f"golden_chain_model: genesis and {len(out['blockHashes'])} blocks (hashes, state roots, receipt roots,"
              f" codes) and {len(QUOTED)} figures match Tests/ProofmintCoreTests/Execution/GoldenChain.swift; the fixture's {count}"
              " blocks, signatures and genesis agree with Tests/Fixtures/golden-chain.roots")


if __name__ == "__main__":
    main()
