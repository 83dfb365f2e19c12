/*=========================================================================
 *
 *  Copyright the ITKAnalyticalEM contributors
 *
 *  Licensed under the Apache License, Version 2.0 (the "License");
 *  you may not use this file except in compliance with the License.
 *  You may obtain a copy of the License at
 *
 *         http://www.apache.org/licenses/LICENSE-2.0.txt
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 *
 *=========================================================================*/
#ifndef EMEnumNamesPython_h
#define EMEnumNamesPython_h

// Included by the SWIG wrappers (after Python.h) whose enum arguments take names (EMEnumNames.i).
#include "itkEMEnumNames.h"

#include <cstring>

// False, with the Python error set, when the argument is neither an int nor a known name.
template <typename TEnum>
bool
AEMEnumFromPython(PyObject * input, TEnum & value, const char * enumName)
{
  if (PyLong_Check(input))
  {
    // Only the values of the table: a cast would let any integer through as an enum value.
    const long number = PyLong_AsLong(input);
    if (number == -1 && PyErr_Occurred())
    {
      return false;
    }
    for (const auto & entry : itk::EMEnumNames<TEnum>::Entries)
    {
      if (static_cast<long>(entry.Value) == number)
      {
        value = entry.Value;
        return true;
      }
    }
    PyErr_Format(PyExc_ValueError, "%ld is not a value of %s", number, enumName);
    return false;
  }
  if (!PyUnicode_Check(input))
  {
    PyErr_Format(PyExc_TypeError, "expected a value of %s or its name as a string", enumName);
    return false;
  }
  const char * text = PyUnicode_AsUTF8(input);
  if (text == nullptr)
  {
    return false;
  }
  try
  {
    value = itk::EMEnumFromName<TEnum>(text);
    return true;
  }
  catch (const itk::ExceptionObject & error)
  {
    // Without ITK's "ITK ERROR: " prefix: Python names the error itself.
    const char * description = error.GetDescription();
    const char   prefix[] = "ITK ERROR: ";
    PyErr_SetString(PyExc_ValueError,
                    std::strncmp(description, prefix, sizeof(prefix) - 1) == 0 ? description + sizeof(prefix) - 1
                                                                               : description);
    return false;
  }
}

#endif
