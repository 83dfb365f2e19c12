// Enum arguments that take a value (itk.EELSEnums.ZeroLossMethod_Argmax) or its name as a string
// ("Argmax" or the programs' "argmax"), for setters by value and by const reference:
//
//   itk.eels_align_filter(spectra, method="crosscorrelation", shift="cubic")
//
// An unknown name raises ValueError listing the names (itk::EMEnumFromName).

// The conversion itself is AEMEnumFromPython (EMEnumNamesPython.h), included by each wrapper that
// uses these typemaps: a file SWIG has seen through an %import emits no %{ %} code.

%define AEM_ENUM_ACCEPTS_NAMES(ENUM)
%typemap(in) ENUM {
  if (!AEMEnumFromPython($input, $1, #ENUM))
  {
    SWIG_fail;
  }
}
%typemap(in) const ENUM & (ENUM value) {
  if (!AEMEnumFromPython($input, value, #ENUM))
  {
    SWIG_fail;
  }
  $1 = &value;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_INTEGER) ENUM, const ENUM & {
  $1 = PyUnicode_Check($input) || PyLong_Check($input);
}
%enddef
