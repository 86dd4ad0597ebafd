// mpathboot: the executable. Everything happens in the MpathBoot library; this file only
// collects argv (through the C shim: Embedded Swift has no CommandLine) and exits.
import CMPath
import MpathBoot
import MultipathSystem

func processArguments() -> [String] {
    var out: [String] = []
    var index: Int32 = 1
    while index < cmp_get_argc() {
        if let arg = cmp_get_argv(index) { out.append(String(cString: arg)) }
        index += 1
    }
    return out
}

exit(MpathBoot.run(arguments: processArguments(), dm: LibDeviceMapper()).status.rawValue)
