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
#ifndef itkEMKernelSupport_h
#define itkEMKernelSupport_h

// Support for the project's compiled numerical kernels (the *Kernels.cxx files of the modules),
// which are built with -fno-math-errno -fno-trapping-math -ffp-contract=off -fopenmp-simd so that
// their loops vectorise; none of these options changes a result. Include only from such source
// files.
//
// EM_KERNEL_CLONES: on x86-64 Linux an entry point is compiled for the baseline, AVX2 and
// AVX-512F, and the dynamic loader picks one per machine. Element-wise results are the same for
// every clone (no fused multiply-adds); sums over vector lanes may round differently. EM_ALWAYS_INLINE: helpers that must be inlined into
// each clone so that they are compiled for its instruction set.

#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__)
#  define EM_KERNEL_CLONES __attribute__((target_clones("default", "avx2", "avx512f")))
#else
#  define EM_KERNEL_CLONES
#endif
#if defined(__GNUC__)
#  define EM_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#  define EM_ALWAYS_INLINE inline
#endif

#if defined(__SSE2__)
#  include <xmmintrin.h>
#endif

namespace itk
{
/** \brief Runs a scope with flush-to-zero and denormals-are-zero, restoring the caller's mode.
 *
 * Subnormal numbers appear when iterates decay towards zero (dual fields, estimates of empty
 * regions) and make every operation on them about a hundred times slower.
 *
 * \ingroup AnalyticalEMCore
 */
class FlushSubnormals
{
public:
#if defined(__SSE2__)
  FlushSubnormals()
    : m_Saved(_mm_getcsr())
  {
    _mm_setcsr(m_Saved | 0x8040u);
  }
  ~FlushSubnormals() { _mm_setcsr(m_Saved); }
  FlushSubnormals(const FlushSubnormals &) = delete;
  FlushSubnormals &
  operator=(const FlushSubnormals &) = delete;

private:
  unsigned int m_Saved;
#endif
};
} // end namespace itk

#endif
