// The __future__ module (Lib/__future__.py): `from __future__ import division` is read by the
// parser, but the statement still imports the module at run time, as CPython's does. Built from
// Python source (module_from_source); the features and compiler flags are each version's.
#include <string>

#include "interp/modules.h"
#include "object/runtime.h"

namespace pymemlab {

PyObject* make_future_module(Interp& in) {
    const Profile& p = in.rt.profile();
    const bool py2 = p.major == 2;
    // CO_FUTURE_* moved up four bits in 3.0 (Include/code.h).
    const int shift = py2 ? 0 : 4;
    auto flag = [&](int f27) { return std::to_string(f27 << shift); };
    std::string features = "nested_scopes generators division absolute_import with_statement print_function unicode_literals";
    std::string source =
        "class _Feature:\n"
        "    def __init__(self, optionalRelease, mandatoryRelease, compiler_flag):\n"
        "        self.optional = optionalRelease\n"
        "        self.mandatory = mandatoryRelease\n"
        "        self.compiler_flag = compiler_flag\n"
        "    def getOptionalRelease(self):\n"
        "        return self.optional\n"
        "    def getMandatoryRelease(self):\n"
        "        return self.mandatory\n"
        "    def __repr__(self):\n"
        "        return '_Feature' + repr((self.optional, self.mandatory, self.compiler_flag))\n"
        "nested_scopes = _Feature((2, 1, 0, 'beta', 1), (2, 2, 0, 'alpha', 0), 0x0010)\n"
        "generators = _Feature((2, 2, 0, 'alpha', 1), (2, 3, 0, 'final', 0), 0)\n"
        "division = _Feature((2, 2, 0, 'alpha', 2), (3, 0, 0, 'alpha', 0), " + flag(0x2000) + ")\n"
        "absolute_import = _Feature((2, 5, 0, 'alpha', 1), (3, 0, 0, 'alpha', 0), " + flag(0x4000) + ")\n"
        "with_statement = _Feature((2, 5, 0, 'alpha', 1), (2, 6, 0, 'alpha', 0), " + flag(0x8000) + ")\n"
        "print_function = _Feature((2, 6, 0, 'alpha', 2), (3, 0, 0, 'alpha', 0), " + flag(0x10000) + ")\n"
        "unicode_literals = _Feature((2, 6, 0, 'alpha', 2), (3, 0, 0, 'alpha', 0), " + flag(0x20000) + ")\n";
    if (!py2) {
        features += " barry_as_FLUFL generator_stop";
        source += "barry_as_FLUFL = _Feature((3, 1, 0, 'alpha', 2), (4, 0, 0, 'alpha', 0), " + flag(0x40000) + ")\n";
        source += "generator_stop = _Feature((3, 5, 0, 'beta', 1), (3, 7, 0, 'alpha', 0), " + flag(0x80000) + ")\n";
        if (p.at_least(3, 7)) {
            features += " annotations";
            source += "annotations = _Feature((3, 7, 0, 'beta', 1), None, " + flag(0x100000) + ")\n";
        }
    }
    source += "all_feature_names = '" + features + "'.split()\n";
    source += "__all__ = ['all_feature_names'] + all_feature_names\n";
    return module_from_source(in, "__future__", source);
}

}  // namespace pymemlab
