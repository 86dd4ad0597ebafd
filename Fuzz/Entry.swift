// Entry: the libFuzzer entry point of one fuzz target, chosen at compile time.
//
// scripts/fuzz.sh compiles Sources/MultipathCore together with Fuzz/Harness once, as the
// module MultipathCore (so the harnesses can use internal API), then links this file
// against it once per target with `-D FUZZ_<TARGET>`.

import MultipathCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    #if FUZZ_INQUIRY
    FuzzTargets.inquiry(input)
    #elseif FUZZ_VPD83
    FuzzTargets.vpd83(input)
    #elseif FUZZ_VPD80
    FuzzTargets.vpd80(input)
    #elseif FUZZ_SENSE
    FuzzTargets.sense(input)
    #elseif FUZZ_MBR
    FuzzTargets.mbr(input)
    #elseif FUZZ_GPT
    FuzzTargets.gpt(input)
    #elseif FUZZ_WWIDS
    FuzzTargets.wwids(input)
    #elseif FUZZ_DMSTATUS
    FuzzTargets.dmstatus(input)
    #elseif FUZZ_RTPG
    FuzzTargets.rtpg(input)
    #elseif FUZZ_MULTIPATHCONF
    FuzzTargets.multipathconf(input)
    #elseif FUZZ_BINDINGS
    FuzzTargets.bindings(input)
    #elseif FUZZ_CMDLINE
    FuzzTargets.cmdline(input)
    #else
    #error("compile with -D FUZZ_<TARGET>; see scripts/fuzz.sh")
    #endif
    return 0
}
