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
#ifndef itkEMHDF5Support_h
#define itkEMHDF5Support_h

// HDF5 helpers for the project's readers (GOSH tables, HyperSpy files); include only from source
// files of modules that depend on ITKHDF5.

#include "itk_H5Cpp.h"

namespace itk
{
namespace EMHDF5
{
// Owns an HDF5 identifier.
class Handle
{
public:
  using Closer = herr_t (*)(hid_t);
  Handle(hid_t id, Closer closer)
    : m_Id(id)
    , m_Closer(closer)
  {}
  Handle(Handle && other) noexcept
    : m_Id(other.m_Id)
    , m_Closer(other.m_Closer)
  {
    other.m_Id = -1;
  }
  Handle(const Handle &) = delete;
  Handle &
  operator=(const Handle &) = delete;
  Handle &
  operator=(Handle &&) = delete;
  ~Handle()
  {
    if (m_Id >= 0)
    {
      m_Closer(m_Id);
    }
  }
  hid_t
  Get() const
  {
    return m_Id;
  }
  bool
  IsValid() const
  {
    return m_Id >= 0;
  }

private:
  hid_t  m_Id;
  Closer m_Closer;
};

// Silences HDF5's own error printing while a reader runs (its errors become exceptions).
class QuietErrors
{
public:
  QuietErrors()
  {
    H5Eget_auto2(H5E_DEFAULT, &m_Function, &m_Data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  QuietErrors(const QuietErrors &) = delete;
  QuietErrors &
  operator=(const QuietErrors &) = delete;
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, m_Function, m_Data); }

private:
  H5E_auto2_t m_Function{ nullptr };
  void *      m_Data{ nullptr };
};

} // namespace EMHDF5
} // end namespace itk

#endif
